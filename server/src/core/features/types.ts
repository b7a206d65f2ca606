// The feature model `check` produces: features with their entry points, the events linked to each
// milestone and why, and what is missing. Plain data, for the CLI formatters and the language server.
import type { Milestone } from '../plan/model';
import type { EntryPoint, Span, TrackingSdk } from '../types';

/**
 * Why an event is linked to a feature:
 * - `plan`: the plan lists it for the feature (or the call is in one of the feature's `files`);
 * - `gated-branch`: the call runs only when the feature's flag is on (a branch, the code after an early
 *   return, a component rendered only there, code annotated `@feature`);
 * - `same-function`: the call is in the function that checks the flag, after the check;
 * - `name`: the event name contains the feature key's words;
 * - `property`: the call's properties carry `feature: '<key>'`;
 * - `exposure`: the SDK logs an exposure event when the flag is checked.
 */
export type Via = 'plan' | 'gated-branch' | 'same-function' | 'name' | 'property' | 'exposure';

/** Strongest first: when several reasons link the same call, the first one is recorded. */
export const VIA_ORDER: readonly Via[] = [
  'plan',
  'property',
  'gated-branch',
  'same-function',
  'name',
  'exposure',
];

/**
 * How a link's milestone was decided: the plan lists the event under it; the verb in the name; a
 * page or screen view (discovery); an exposure (discovery); or no verb recognised (activation).
 */
export type MilestoneSource = 'plan' | 'verb' | 'page' | 'exposure' | 'default';

export interface Location {
  file: string;
  span: Span;
}

/** A component or function the gated code renders or calls, on the way to the event. */
export interface ThroughStep extends Location {
  name: string;
}

export interface EventLink {
  event: string;
  milestone: Milestone;
  via: Via;
  /** One sentence saying why the event is linked, for hovers and reports. */
  reason: string;
  milestoneFrom: MilestoneSource;
  /** The milestone verb found in the name, when `milestoneFrom` is `verb`. */
  verb?: string;
  /** The tracking call (for `exposure`, the flag check). */
  file: string;
  span: Span;
  /** Where the event name is written in the call (absent for `exposure`). */
  nameSpan?: Span;
  sdk: TrackingSdk | string;
  callee: string;
  /** The flag check that gates the call (`gated-branch`, `same-function`, `exposure`). */
  entryPoint?: Location;
  /** Components or functions between the flag check and the call. */
  through?: ThroughStep[];
}

export interface UnresolvedCall extends Location {
  /** Source text of the name expression. */
  expression: string;
}

export interface FeatureModel {
  key: string;
  /** Whether the plan declares this feature; inferred features come from flag checks alone. */
  planned: boolean;
  /** The plan that governs the feature's files (absent with no plan). */
  planFile?: string;
  /** Where the feature is declared in the plan (its key under `features:`). */
  planSpan?: Span;
  flags: string[];
  entryPoints: EntryPoint[];
  /** Links that satisfy each milestone. */
  milestones: Record<Milestone, EventLink[]>;
  missing: Milestone[];
  /**
   * Events linked by inference to a milestone whose events the plan declares: they are shown but
   * do not satisfy it (the plan decides which events count).
   */
  otherEvents: EventLink[];
  /** Tracking calls with dynamic names inside the feature's gated code: they cannot satisfy a milestone. */
  unresolved: UnresolvedCall[];
}
