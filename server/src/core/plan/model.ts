// The plan file `activation-lens.yaml`, as plain data. Every field is optional: zero-config works.
import type { AnalysisConfig } from '../config';

export type Milestone = 'discovery' | 'activation' | 'value';
export const MILESTONES: readonly Milestone[] = ['discovery', 'activation', 'value'];

export type EventCase = 'snake_case' | 'Title Case' | 'kebab-case' | 'camelCase';

export interface Conventions {
  eventCase?: EventCase;
  /** Names must put the object first and the action last (`report_created`, not `created_report`). */
  objectAction?: boolean;
}

/** KPI targets; rates are fractions (0.4), durations are seconds (parsed from `10m`, `3h`, `2d`). */
export type Targets = Partial<Record<TargetKey, number>>;
export type TargetKey =
  | 'activationRate'
  | 'adoptionRate'
  | 'ittvP50'
  | 'ittvP90'
  | 'sttvP50'
  | 'sttvP90'
  | 'ttbvP50'
  | 'ttbvP90'
  | 'rptu'
  | 'rptuLift';

export interface PlanFeature {
  key: string;
  /** Flag keys that enter this feature (defaults to the feature key). */
  flags: string[];
  /** Globs (relative to the plan's folder) of the files that make up the feature. */
  files?: string[];
  discovery: string[];
  activation: string[];
  value: string[];
  targets: Targets;
  /** Whether the feature's flag checks count as discovery (SDK exposure events). Default: per SDK. */
  exposure?: boolean;
}

/** Window lengths in seconds. */
export interface KpiWindows {
  activation: number;
  ittv: number;
  sttv: number;
  ttbv: number;
  adoption: number;
  rptu: number;
  /** TTBV's analysis period: new users whose first event is this recent. */
  analysis: number;
}

export interface KpiSettings {
  source: 'duckdb' | 'clickhouse' | 'posthog';
  /** Event files (globs relative to the plan's folder) for the embedded DuckDB source. */
  events: string[];
  userKeys: string[];
  idKeys: string[];
  windows: KpiWindows;
  trialStartEvent: string;
  revenueProperty: string;
  /** The event a flag SDK logs on each flag check (PostHog's `$feature_flag_called`). */
  exposureEvent: string;
  /** The exposure event's property that holds the flag key. */
  exposureFlagProperty: string;
  /** Source-specific settings (`clickhouse:`, `posthog:`), validated by the source that reads them. */
  sources: Record<string, unknown>;
}

/** A rule's level: `off` silences it; the others are diagnostic severities. */
export type RuleLevel = 'off' | 'hint' | 'info' | 'warning' | 'error';
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];

export interface Plan {
  /** The plan file's path (workspace-relative, or as given), or undefined for the zero-config default. */
  file?: string;
  conventions: Conventions;
  strictEvents: boolean;
  /** Events the plan knows outside any feature (accepted by `strictEvents`). */
  events: string[];
  /** Rule levels set by the plan (`rules:`), by rule id. */
  rules: Record<string, RuleLevel>;
  sdks: AnalysisConfig;
  features: PlanFeature[];
  kpis: KpiSettings;
}

export const DAY = 86_400;

export const DEFAULT_WINDOWS: KpiWindows = {
  activation: 7 * DAY,
  ittv: DAY,
  sttv: 14 * DAY,
  ttbv: 30 * DAY,
  adoption: 28 * DAY,
  rptu: 60 * DAY,
  analysis: 90 * DAY,
};

export const DEFAULT_USER_KEYS = ['person_id', 'user_id', 'userId', 'distinct_id', 'anonymousId'];
export const DEFAULT_ID_KEYS = ['uuid', 'messageId', 'insert_id', '$insert_id'];

export function defaultKpiSettings(): KpiSettings {
  return {
    source: 'duckdb',
    events: [],
    userKeys: [...DEFAULT_USER_KEYS],
    idKeys: [...DEFAULT_ID_KEYS],
    windows: { ...DEFAULT_WINDOWS },
    trialStartEvent: 'trial_started',
    revenueProperty: 'revenue',
    exposureEvent: '$feature_flag_called',
    exposureFlagProperty: '$feature_flag',
    sources: {},
  };
}

export function emptyPlan(): Plan {
  return {
    conventions: {},
    strictEvents: false,
    events: [],
    rules: {},
    sdks: { tracking: [], flags: [] },
    features: [],
    kpis: defaultKpiSettings(),
  };
}

/** Every event name the plan knows: the features' milestone events, `events`, the trial-start event. */
export function planEventNames(plan: Plan): Set<string> {
  const names = new Set(plan.events);
  for (const f of plan.features) for (const m of MILESTONES) for (const e of f[m]) names.add(e);
  names.add(plan.kpis.trialStartEvent);
  return names;
}

/** Every flag key the plan names, for mapping camel-cased keys back. */
export function planFlagKeys(plan: Plan): string[] {
  return plan.features.flatMap((f) => f.flags);
}
