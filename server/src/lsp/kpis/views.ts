// The KPIs of the Features view and of the dashboard, from the last computed values.
import { windowLength } from '../../core/humanise';
import type { DashboardData, DashboardFeature, DashboardScope, FeatureKpiSummary } from '../../protocol';
import { headline, kpiRows, targetSummaries } from './figures';
import type { ScopeView } from './service';

export function featureKpiSummary(view: ScopeView | undefined, key: string): FeatureKpiSummary | undefined {
  const result = view?.snapshot.kpis.result;
  const kpis = result?.features[key];
  if (!view || !result || !kpis || kpis.discoveryFrom === 'none') return undefined;
  const targets = view.input.plan.features.find((p) => p.key === key)?.targets ?? {};
  return {
    headline: headline(kpis),
    figures: kpiRows(kpis, result.windows, targets).map((r) => ({ label: r.label, value: r.value })),
    targets: targetSummaries(targets, kpis),
    stale: view.stale,
    asOf: result.asOf,
    computedAt: view.snapshot.computedAt,
  };
}

export function dashboardData(
  views: readonly ScopeView[],
  folderName: (uri: string) => string,
): DashboardData {
  const scopes = views.map((view): DashboardScope => {
    const { result, live } = view.snapshot.kpis;
    const w = result.windows;
    const features = Object.entries(result.features).map(([key, kpis]): DashboardFeature => {
      const targets = view.input.plan.features.find((p) => p.key === key)?.targets ?? {};
      const l = live?.features[key];
      return {
        key,
        discoveryFrom: kpis.discoveryFrom,
        kpis,
        figures: kpiRows(kpis, w, targets).map((r) => ({ label: r.label, value: r.value })),
        targets: targetSummaries(targets, kpis),
        daily: l?.daily ?? [],
        ittvHistogram: l?.ittvHistogram ?? [],
        sttvHistogram: l?.sttvHistogram ?? [],
      };
    });
    const scope: DashboardScope = {
      folder: view.input.folderUri,
      folderName: folderName(view.input.folderUri),
      planFile: view.input.planFile,
      source: view.snapshot.sourceText,
      asOf: result.asOf,
      computedAt: view.snapshot.computedAt,
      latestEvent: live?.latestEvent ?? null,
      stale: view.stale,
      windows: {
        activation: windowLength(w.activation),
        ittv: windowLength(w.ittv),
        sttv: windowLength(w.sttv),
        ttbv: windowLength(w.ttbv),
        adoption: windowLength(w.adoption),
        rptu: windowLength(w.rptu),
      },
      features,
    };
    if (view.error !== undefined) scope.error = view.error;
    return scope;
  });
  return scopes.length
    ? { scopes }
    : { scopes, message: 'No KPIs yet: name a KPI source in the plan (`kpis:` in activation-lens.yaml).' };
}
