// The rule registry, by id: the rules `check` runs over code and plan, and the live rules
// (`kpi-below-target`, `dead-event`, `activation-without-discovery`) that read KPI data and run
// wherever KPIs are computed (the language server).
import type { RuleLevel } from '../plan/model';
import { rule as activationWithoutDiscovery } from './activation-without-discovery';
import { rule as deadEvent } from './dead-event';
import { rule as eventNaming } from './event-naming';
import { rule as kpiBelowTarget } from './kpi-below-target';
import { rule as missingActivation } from './missing-activation';
import { rule as missingDiscovery } from './missing-discovery';
import { rule as missingValue } from './missing-value';
import { rule as planInvalid } from './plan-invalid';
import { rule as plannedEventNotInstrumented } from './planned-event-not-instrumented';
import type {
  Diagnostic,
  Finding,
  LevelOverride,
  LiveRule,
  LiveRuleContext,
  Rule,
  RuleId,
  Severity,
} from './types';
import { rule as unknownEvent } from './unknown-event';
import { rule as unknownFlag } from './unknown-flag';
import { rule as unresolvedEventName } from './unresolved-event-name';

export const RULES: readonly Rule[] = [
  missingDiscovery,
  missingActivation,
  missingValue,
  plannedEventNotInstrumented,
  unknownEvent,
  eventNaming,
  unresolvedEventName,
  unknownFlag,
  planInvalid,
];

export const LIVE_RULES: readonly LiveRule[] = [kpiBelowTarget, deadEvent, activationWithoutDiscovery];

/** Every rule, static then live: the order of SARIF's rule list and of findings at one place. */
export const ALL_RULES: readonly (Rule | LiveRule)[] = [...RULES, ...LIVE_RULES];

export const RULE_IDS: readonly RuleId[] = ALL_RULES.map((r) => r.id);

const BY_ID = new Map<RuleId, Rule | LiveRule>(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: RuleId): Rule | LiveRule {
  return BY_ID.get(id)!;
}

/** The live rules' findings for one plan's features and KPIs (levels not applied yet). */
export function liveFindings(ctx: LiveRuleContext): Finding[] {
  return LIVE_RULES.flatMap((rule) => rule.check(ctx));
}

/** Where each rule's documentation lives (also the LSP's `codeDescription` link). */
export const DOCS_BASE = 'https://github.com/activation-lens/activation-lens/blob/main/docs/rules/';
export function ruleDocsUrl(id: RuleId): string {
  return `${DOCS_BASE}${id}.md`;
}

/**
 * Gives findings their severity: the editor's setting for the file wins, then the plan's `rules:`,
 * then the rule's default. Findings of rules that end up `off` are dropped.
 */
export function applyLevels(
  findings: readonly Finding[],
  planLevels: Readonly<Record<string, RuleLevel>>,
  override?: LevelOverride,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const level = override?.(f.rule, f.file) ?? planLevels[f.rule] ?? ruleById(f.rule).defaultLevel;
    if (level !== 'off') out.push({ ...f, severity: level as Severity });
  }
  return out;
}
