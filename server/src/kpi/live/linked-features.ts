// Which events mark each feature's milestones in the editor: the events `check` links to each
// milestone (the plan's, and inferred ones where the plan lists none), plus planned events that no code
// sends yet (they may still arrive from elsewhere, a backend say). Exposure links make the flag SDK's
// exposure event count as discovery. The CLI's `kpis` reads the plan alone (../features.ts).
import type { FeatureModel } from '../../core/features/types';
import { MILESTONES, type PlanFeature } from '../../core/plan/model';
import type { KpiFeature } from '../model';

export function linkedKpiFeatures(
  features: readonly FeatureModel[],
  planned: readonly PlanFeature[],
): KpiFeature[] {
  return features.map((f) => {
    const plan = f.planned ? planned.find((p) => p.key === f.key) : undefined;
    const events = (m: (typeof MILESTONES)[number]) => [
      ...new Set([
        ...(plan?.[m] ?? []),
        ...f.milestones[m].filter((l) => l.via !== 'exposure').map((l) => l.event),
      ]),
    ];
    const exposure = f.milestones.discovery.some((l) => l.via === 'exposure');
    return {
      key: f.key,
      discovery: events('discovery'),
      activation: events('activation'),
      value: events('value'),
      exposureFlags: exposure ? [...f.flags] : [],
    };
  });
}
