/**
 * How often the page asks for a running query's state: quickly at first (local queries finish in
 * tens of milliseconds), then backing off to once a second for long Athena scans.
 */
export function pollDelayMs(pollsSoFar: number): number {
  return Math.min(1_000, 50 * 2 ** pollsSoFar);
}
