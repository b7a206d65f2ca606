// The live rules over one plan's features and one KPI computation: the KPI layer hands its results to
// the rules of core as plain data (core/live/types.ts).
import type { FeatureModel } from '../../core/features/types';
import type { LiveData } from '../../core/live/types';
import type { Plan } from '../../core/plan/model';
import type { ParsedPlan } from '../../core/plan/parse';
import { liveFindings } from '../../core/rules';
import type { Finding } from '../../core/rules/types';
import type { LiveKpis } from './result';

export function liveData(kpis: LiveKpis): LiveData {
  const { result, live } = kpis;
  return {
    asOf: result.asOf,
    features: result.features,
    ...(live ? { live: { features: live.features, events: live.events } } : {}),
  };
}

export interface PlanScope {
  plan: Plan;
  planFile: string;
  parsed: ParsedPlan;
  features: readonly FeatureModel[];
}

/** Findings of every live rule (levels not applied yet). */
export function liveRuleFindings(scope: PlanScope, kpis: LiveKpis): Finding[] {
  return liveFindings({ ...scope, kpis: liveData(kpis) });
}
