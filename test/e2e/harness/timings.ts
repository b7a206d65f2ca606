// Durations of the editor tests' parts, printed so that docs/testing.md can quote measured figures.

export type Timings = Record<string, number>;

/** Seconds since `started` (a Date.now() value), to 0.1 s. */
export function elapsed(started: number): number {
  return Math.round((Date.now() - started) / 100) / 10;
}

export function formatTimings(title: string, timings: Timings): string {
  const parts = Object.entries(timings).map(([what, seconds]) => `${what} ${seconds.toFixed(1)} s`);
  return `[e2e] ${title}: ${parts.join(', ')}`;
}
