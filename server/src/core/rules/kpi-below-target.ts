// `kpi-below-target` (live): a feature's KPI misses the target its plan entry declares. Reported on
// the feature's entry points and on the target in the plan.
import { checkTargets, describeMiss } from '../live/targets';
import type { Finding, LiveRule } from './types';
import { pointer } from './shared/plan-paths';
import { atSites, featureSites } from './shared/feature-sites';

export const rule: LiveRule = {
  id: 'kpi-below-target',
  defaultLevel: 'info',
  summary: 'A live KPI misses the target the plan declares for it.',
  help: "The plan's `targets:` for a feature say what the team expects (an activation rate of at least 40%, a median time to value within 10 minutes). The latest KPIs from the events miss one. Look at the feature's funnel in the dashboard: where users drop off, and how long they take.",
  check: (ctx) => {
    const out: Finding[] = [];
    for (const f of ctx.features) {
      const planned = ctx.plan.features.find((p) => p.key === f.key);
      const figures = ctx.kpis.features[f.key];
      if (!planned || !figures) continue;
      for (const miss of checkTargets(planned.targets, figures).filter((c) => c.met === false)) {
        const targetSpan = ctx.parsed?.spanOf(pointer('features', f.key, 'targets', miss.key));
        const sites = featureSites(f, ctx.planFile, targetSpan ?? f.planSpan);
        const message = `${f.key}: ${describeMiss(miss)} (KPIs as of ${ctx.kpis.asOf.slice(0, 16).replace('T', ' ')} UTC).`;
        out.push(
          ...atSites(sites, { rule: 'kpi-below-target', message, feature: f.key }, (s) =>
            s.file === ctx.planFile ? `target ${miss.key}: ${miss.targetText}` : `${f.key} is checked here`,
          ),
        );
      }
    }
    return out;
  },
};
