// Long computations as steps: a generator yields between slices of its work, so that the language
// server can run a workspace-wide check a slice at a time, answer the editor in between, and drop the
// check when an edit makes it stale. Run to completion, it is the plain computation.

/**
 * A step may say which part of the work it ends (`yield 'gating'`): benchmarks name the longest step
 * with it, and tests drop a check in the middle of a given part. Consumers may ignore it.
 */
export type StepLabel = string | undefined;

export type Steps<T> = Generator<StepLabel, T, void>;

/** Runs steps to completion. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
