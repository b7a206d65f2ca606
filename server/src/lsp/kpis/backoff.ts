// When to try a failing KPI source again: 10 s, 20 s, 40 s, … doubling up to a ceiling (the refresh
// interval, or five minutes when there is none), so a source that is down is not hammered and one
// that comes back is picked up soon.

export const FIRST_RETRY_MS = 10_000;
export const DEFAULT_CEILING_MS = 5 * 60_000;

/** Delay before retry number `failures` (1 after the first failure). */
export function retryDelay(failures: number, ceilingMs = DEFAULT_CEILING_MS): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 20);
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, Math.max(ceilingMs, FIRST_RETRY_MS));
}
