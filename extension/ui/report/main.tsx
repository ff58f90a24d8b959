import { boot } from '../common/boot.js';
import { ReportPage } from './ReportPage.js';
import './report.css';

void boot(ReportPage, 'report_title');
