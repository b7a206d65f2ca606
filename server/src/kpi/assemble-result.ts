// Builds the KpiResult from a source's per-feature rows and its input statistics.
import { featureKpis, type FeatureFigures } from './assemble';
import { discoveryFrom } from './features';
import type { KpiFeature, KpiFormulaSettings } from './model';
import type { FeatureKpis, KpiResult, KpiSourceKind } from './result';

/** What a source reports about its input, besides the KPIs. */
export type InputStatistics = Pick<
  KpiResult,
  'events' | 'duplicates' | 'afterAsOf' | 'rejected' | 'rejectedReasons' | 'rejectedSamples'
>;

const COUNTS = new Set([
  'discovered',
  'activated',
  'valued',
  'act_n',
  'act_c',
  'ittv_n',
  'ittv_c',
  'sttv_n',
  'sttv_c',
  'ttbv_n',
  'ttbv_c',
  'ad_n',
  'ad_c',
  'rp_n',
  'rp_an',
  'rp_nn',
]);

/** A row as the driver returns it (bigints, lists, nulls) as FeatureFigures of plain numbers. */
export function figuresOf(row: Record<string, unknown>): FeatureFigures {
  const out: Record<string, unknown> = {};
  for (const key of COUNTS) out[key] = 0;
  for (const [key, value] of Object.entries(row)) {
    if (COUNTS.has(key)) out[key] = value === null || value === undefined ? 0 : Number(value);
    else if (Array.isArray(value)) out[key] = value.map((v) => (v === null ? null : Number(v)));
    else out[key] = value === null || value === undefined ? null : Number(value);
  }
  return out as unknown as FeatureFigures;
}

export function assembleResult(args: {
  source: KpiSourceKind;
  asOf: Date;
  settings: KpiFormulaSettings;
  features: KpiFeature[];
  rows: Record<string, unknown>[];
  input: InputStatistics;
}): KpiResult {
  // Row f = F is the user-level row (see sql/kpi-query.ts): TTBV's population, the same for every
  // feature. A feature without a row has no figure but zeros.
  const byIndex = new Map(args.rows.map((row) => [Number(row.f), figuresOf(row)]));
  const ttbvN = byIndex.get(args.features.length)?.ttbv_n ?? 0;
  const features: Record<string, FeatureKpis> = {};
  args.features.forEach((feature, i) => {
    const figures = { ...(byIndex.get(i) ?? figuresOf({})), ttbv_n: ttbvN };
    features[feature.key] = featureKpis(figures, discoveryFrom(feature));
  });
  return {
    asOf: args.asOf.toISOString(),
    source: args.source,
    ...args.input,
    windows: { ...args.settings.windows },
    features,
  };
}
