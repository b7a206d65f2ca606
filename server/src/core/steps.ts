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

/**
 * How much work each part of the full check does between two yields. Tests run every part with 1 (a
 * yield after every item) against `Infinity` (no yield inside any loop), so that an item skipped or
 * mishandled at a slice boundary changes one result and not the other.
 */
export interface StepSizes {
  /** Files whose folders are read for packages, then for tsconfig paths (`projectPrefixesSteps`). */
  prefixFiles: number;
  /** Kept facts judged against the new resolver (`FactsStore.setFilesSteps`). */
  keptFacts: number;
  /** Files taken as candidates, then facts linked (`linkAnalysisSteps`). */
  linkFiles: number;
  /** Files, or call sites, of a wrapper discovery round (`WrapperDiscovery.runSteps`). */
  discoveryItems: number;
  /** Files whose words a discovery round tests for the names that reach a wrapper. */
  discoveryFiles: number;
  /** Files looked at for uses of gated functions (gating's index). */
  gatingFiles: number;
  /** Features whose reach, then whose gated functions, gating's index computes. */
  gatingFeatures: number;
  /** Tracking calls placed in features (`buildFeaturesSteps`). */
  featureCalls: number;
  /** Rules run over a plan's features. */
  rules: number;
}

/** The sizes each part was split with: a step of a few ms on a large workspace. */
export const STEP_SIZES: Readonly<StepSizes> = {
  // Each new folder reads its manifests.
  prefixFiles: 1000,
  // Judged with a fresh resolver, which resolves their imports again.
  keptFacts: 250,
  linkFiles: 250,
  discoveryItems: 500,
  discoveryFiles: 500,
  gatingFiles: 500,
  // A feature's reach follows its gated code through the workspace.
  gatingFeatures: 1,
  // Gating them is the cost.
  featureCalls: 200,
  rules: 1,
};
