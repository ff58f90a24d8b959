/**
 * An OnlineFetcher for tests of the online check: it answers from a table of URLs (a missing route throws, as a
 * refused connection would; an answer function may throw too) and records every request. No network.
 */
import type { OnlineRequest } from '../../core/pki/online/fetcher.js';

export type Answers = Record<string, (req: OnlineRequest) => Uint8Array>;

export function tableFetcher(answers: Answers) {
  const asked: OnlineRequest[] = [];
  const f = async (req: OnlineRequest) => {
    asked.push(req);
    const a = answers[req.url];
    if (!a) throw new Error(`no route to ${req.url}`);
    return a(req);
  };
  return { f, asked };
}
