// What the analysis needs from the plan file: extra call shapes (project wrappers, in-house SDKs).
// The plan loader turns `sdks.tracking[]` / `sdks.flags[]` into this form.

export interface CustomCallee {
  /** `trackEvent` (a function) or `tracker.send` (a method on a receiver named `tracker`). */
  callee: string;
  /**
   * Only calls bound to this module count: an import specifier as written (`@/lib/analytics`) or a
   * workspace path without extension (`src/lib/analytics`).
   */
  module?: string;
  /** Argument that holds the event name or flag key (default 0). */
  argument?: number;
  /** When the argument is an object literal, the property holding the name (`event`). */
  property?: string;
}

export interface CustomFlagCallee extends CustomCallee {
  /** Whether this call logs an exposure automatically (default false). */
  autoExposure?: boolean;
}

/**
 * A flag container the plan names (`sdks.flags[].object`): an object whose property reads are flag
 * keys (`uiConfig.flags.k`, `uiConfig.flags['k']`), or a list whose `includes('k')` / `has('k')` are.
 */
export interface FlagObject {
  /** `flags` (any expression ending in that name) or `uiConfig.flags` (an expression ending so). */
  object: string;
  autoExposure?: boolean;
}

export interface AnalysisConfig {
  tracking: CustomCallee[];
  flags: CustomFlagCallee[];
  /** Flag containers read by property, besides the built-in ones (see wrappers/flag-objects.ts). */
  flagObjects?: FlagObject[];
}

export const EMPTY_CONFIG: AnalysisConfig = { tracking: [], flags: [] };

/** The last segment of a callee (`tracker.send` → `send`): the name that appears before `(`. */
export function calleeName(callee: string): string {
  const dot = callee.lastIndexOf('.');
  return dot < 0 ? callee : callee.slice(dot + 1);
}
