// Workspace-wide work beside the editor: a computation in steps (core/steps.ts) runs a slice of about
// `sliceMs` at a time, and the event loop answers the editor's messages between slices. An edit that
// arrives meanwhile makes the work stale: it is dropped at the next slice (the edit's own analysis
// follows), so the editor waits for a slice at most, never for the whole check.

import type { Steps } from '../core/steps';

/** How long a slice runs before the editor's messages are let in. */
export const SLICE_MS = 8;

/** The steps' result, or undefined when `stale` said so between two slices (the steps are dropped). */
export async function runInSlices<T>(
  steps: Steps<T>,
  stale: () => boolean,
  sliceMs = SLICE_MS,
): Promise<T | undefined> {
  for (;;) {
    const until = performance.now() + sliceMs;
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() >= until) break;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stale()) return undefined;
  }
}
