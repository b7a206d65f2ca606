// What a rule is and what it finds. Findings are plain data with spans (0-based offsets and 1-based
// line/column), related locations and, where a fix is natural, a machine-readable hint: the CLI
// prints them, the language server turns them into diagnostics and code actions.
import type { FeatureModel } from '../features/types';
import type { LiveData } from '../live/types';
import type { Milestone, Plan, RuleLevel } from '../plan/model';
import type { ParsedPlan, PlanProblem } from '../plan/parse';
import type { EntryPoint, ResolvedFrom, Span, TrackingCall } from '../types';

export type RuleId =
  | 'missing-discovery'
  | 'missing-activation'
  | 'missing-value'
  | 'planned-event-not-instrumented'
  | 'unknown-event'
  | 'event-naming'
  | 'unresolved-event-name'
  | 'unknown-flag'
  | 'plan-invalid'
  | LiveRuleId;

/** Rules that read live KPIs (DESIGN §3); the language server runs them whenever KPIs are computed. */
export type LiveRuleId = 'kpi-below-target' | 'dead-event' | 'activation-without-discovery';

/** A diagnostic's severity: a rule level other than `off`. */
export type Severity = Exclude<RuleLevel, 'off'>;

export interface RelatedLocation {
  file: string;
  span: Span;
  message: string;
}

/**
 * A fix the editor can offer:
 * - `rename`: write `to` instead of the name at `span` (did-you-mean, naming convention). When the name
 *   comes from a constant (`resolvedFrom` other than `literal`/`template`), the span is the reference,
 *   not the constant's definition.
 * - `add-event`: track `event` for the feature's milestone; `planned` says whether the plan already
 *   names it; `insertAt` is where the gated code starts (discovery), when known.
 * - `instrument`: a planned event that no code sends.
 */
export type FixHint =
  | { kind: 'rename'; file: string; span: Span; from: string; to: string; resolvedFrom?: ResolvedFrom }
  | {
      kind: 'add-event';
      feature: string;
      milestone: Milestone;
      event: string;
      planned: boolean;
      insertAt?: { file: string; offset: number };
    }
  | { kind: 'instrument'; feature: string; milestone: Milestone; event: string };

export interface Finding {
  rule: RuleId;
  file: string;
  span: Span;
  message: string;
  feature?: string;
  milestone?: Milestone;
  event?: string;
  related: RelatedLocation[];
  fix?: FixHint;
}

export interface Diagnostic extends Finding {
  severity: Severity;
}

/** Everything a rule may look at, for the files one plan governs. */
export interface RuleContext {
  plan: Plan;
  /** The plan file as reported, and its parsed text (absent with no plan). */
  planFile?: string;
  parsed?: ParsedPlan;
  planProblems: readonly PlanProblem[];
  features: readonly FeatureModel[];
  entryPoints: readonly EntryPoint[];
  trackingCalls: readonly TrackingCall[];
  /** Where a statement can be inserted at the start of the code an entry point gates. */
  insertionPoint(ep: EntryPoint): number | undefined;
}

export interface Rule {
  id: RuleId;
  defaultLevel: RuleLevel;
  /** One line: what the rule reports. */
  summary: string;
  /** A paragraph: why it matters and how to fix it (SARIF help; the docs page says more). */
  help: string;
  check(ctx: RuleContext): Finding[];
}

/** What a live rule looks at: the features of one plan, and that plan's latest KPI computation. */
export interface LiveRuleContext {
  plan: Plan;
  planFile?: string;
  parsed?: ParsedPlan;
  features: readonly FeatureModel[];
  kpis: LiveData;
}

/** A rule over KPIs: pure like the others, with the KPI data as input. */
export interface LiveRule extends Omit<Rule, 'id' | 'check'> {
  id: LiveRuleId;
  check(ctx: LiveRuleContext): Finding[];
}

/** Resolves a rule's level for a file: editor settings (per resource) override the plan's `rules:`. */
export type LevelOverride = (rule: RuleId, file: string) => RuleLevel | undefined;
