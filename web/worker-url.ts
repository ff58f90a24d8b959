/** The verification worker, bundled on its own (core/verify, pkijs…): the page shell never loads that code. */
import url from './verify-worker.ts?worker&url';

export const VERIFY_WORKER_URL: string = url;
