/**
 * Comparing Vietnamese names as people write them: Unicode NFC/NFD, case, old and new tone placement ("Uỷ" and
 * "Ủy", "hoà" and "hòa"), spacing and punctuation, and the everyday abbreviations "UBND" (Ủy ban nhân dân) and "TP"
 * (thành phố). Used by the e-copy profile checks; never by trust, which is by certificate bytes.
 */

/** The five tone marks (combining, after NFD); other diacritics (â, ă, ê, ô, ơ, ư, đ) stay part of the letter. */
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/u;

const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/(^|[^\p{L}])ubnd(?=$|[^\p{L}])/gu, '$1ủy ban nhân dân'],
  [/(^|[^\p{L}])tp\.?(?=$|[^\p{L}])/gu, '$1thành phố'],
];

/** Tone moved to the end of its word, so both placement conventions give the same string. */
function canonicalWord(w: string): string {
  const d = w.normalize('NFD');
  const m = TONE.exec(d);
  return m ? d.replace(TONE, '') + m[0] : d;
}

/** Names repeat copy after copy (the same office, certifier and authority): normalised once. */
const normalised = new Map<string, string>();

export function normaliseName(s: string): string {
  const known = normalised.get(s);
  if (known !== undefined) return known;
  const t = normaliseUncached(s);
  if (normalised.size >= 1000) normalised.delete(normalised.keys().next().value as string);
  normalised.set(s, t);
  return t;
}

function normaliseUncached(s: string): string {
  let t = s.normalize('NFC').toLocaleLowerCase('vi');
  for (const [re, to] of ABBREVIATIONS) t = t.replace(re, to);
  t = t.replace(/[^\p{L}\p{N},]+/gu, ' ').replace(/\s*,\s*/g, ',').trim();
  return t
    .split(',')
    .map((part) => part.trim().split(/\s+/).filter(Boolean).map(canonicalWord).join(' '))
    .filter(Boolean)
    .join(',');
}

/** Same name, with or without its place: "UBND phường X, tỉnh Y" matches "Ủy ban nhân dân phường X". */
export function sameOffice(a: string, b: string): boolean {
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const head = (s: string) => s.split(',')[0];
  return head(x) === head(y) && (x.startsWith(y) || y.startsWith(x));
}

export function samePerson(a: string, b: string): boolean {
  const x = normaliseName(a);
  return x !== '' && x === normaliseName(b);
}
