/**
 * When two saved-query names are "the same name": what people would read as one name, so
 * "Revenue by day", " revenue  BY day " and "REVENUE BY DAY" all share one key. Trimmed, inner
 * whitespace collapsed, NFKC-normalised and case-folded (upper then lower case, which folds
 * ß to ss and ς to σ as full case folding does).
 */
export function normalizeQueryName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase().toLowerCase();
}

export function sameQueryName(a: string, b: string): boolean {
  return normalizeQueryName(a) === normalizeQueryName(b);
}

/** The field error a taken name gets, wherever it is found taken. */
export function nameTakenMessage(name: string): string {
  return `A saved query named "${name}" already exists; choose another name`;
}
