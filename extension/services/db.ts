/** One open database per extension context (service worker, event page or UI page). */
import { openSaoyDb, type SaoyDatabase } from '../../core/store/db.js';

let db: Promise<SaoyDatabase> | undefined;

export function database(): Promise<SaoyDatabase> {
  db ??= openSaoyDb();
  return db;
}
