// Which events mark each feature's milestones for the KPIs: the plan's lists, plus the flag SDK's
// exposure event as discovery when the feature's flag checks log exposure automatically.
import type { PlanFeature } from '../core/plan/model';
import type { EntryPoint } from '../core/types';
import type { KpiFeature } from './model';
import type { FeatureKpis } from './result';

/**
 * Exposure counts as discovery when the plan says `exposure: true`, or, by default, when the
 * feature declares no discovery event and one of its flag checks is made with an SDK that logs
 * exposure (PostHog, LaunchDarkly, Statsig: `autoExposure` in the scan).
 */
export function kpiFeatures(features: PlanFeature[], entryPoints: EntryPoint[]): KpiFeature[] {
  const autoExposed = new Set(entryPoints.filter((e) => e.autoExposure && e.feature).map((e) => e.feature!));
  return features.map((f) => {
    const flags = f.flags.length ? f.flags : [f.key];
    const exposure = f.exposure ?? (f.discovery.length === 0 && flags.some((flag) => autoExposed.has(flag)));
    return {
      key: f.key,
      discovery: [...f.discovery],
      activation: [...f.activation],
      value: [...f.value],
      exposureFlags: exposure ? flags : [],
    };
  });
}

export function discoveryFrom(f: KpiFeature): FeatureKpis['discoveryFrom'] {
  const events = f.discovery.length > 0;
  const exposure = f.exposureFlags.length > 0;
  if (events && exposure) return 'events+exposure';
  if (events) return 'events';
  return exposure ? 'exposure' : 'none';
}
