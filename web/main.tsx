import { boot } from '../extension/ui/common/boot.js';
import '../extension/ui/common/verify.css';
import { registerServiceWorker } from './boot-web.js';
import { VerifyApp } from './VerifyApp.js';
import './web.css';

registerServiceWorker();
void boot(VerifyApp, 'web_title');
