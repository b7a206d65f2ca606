// Turns the per-feature counts, sums and percentiles a source returns into the KPI result.
// Rates and averages are divided here, in one place, so every source yields the same figures.
import type { DurationKpi, FeatureKpis, RptuKpi } from './result';

/** What a source returns per feature (the KPI query's columns, as numbers). */
export interface FeatureFigures {
  discovered: number;
  activated: number;
  valued: number;
  act_n: number;
  act_c: number;
  ittv_n: number;
  ittv_c: number;
  ittv_q: (number | null)[] | null;
  sttv_n: number;
  sttv_c: number;
  sttv_q: (number | null)[] | null;
  ttbv_n: number;
  ttbv_c: number;
  ttbv_q: (number | null)[] | null;
  ad_n: number;
  ad_c: number;
  rp_n: number;
  rp_s: number | null;
  rp_an: number;
  rp_as: number | null;
  rp_nn: number;
  rp_ns: number | null;
}

export function ratio(numerator: number | null, denominator: number): number | null {
  return denominator > 0 && numerator !== null ? numerator / denominator : null;
}

function duration(n: number, converted: number, q: (number | null)[] | null): DurationKpi {
  const has = converted > 0 && Array.isArray(q);
  return {
    p50: has ? (q[0] ?? null) : null,
    p90: has ? (q[1] ?? null) : null,
    reach: ratio(converted, n),
    n,
    converted,
  };
}

function rptu(f: FeatureFigures): RptuKpi {
  const activated = ratio(f.rp_as ?? 0, f.rp_an);
  const notActivated = ratio(f.rp_ns ?? 0, f.rp_nn);
  return {
    all: ratio(f.rp_s ?? 0, f.rp_n),
    trialUsers: f.rp_n,
    activated,
    notActivated,
    lift: activated !== null && notActivated !== null ? activated - notActivated : null,
    activatedTrialUsers: f.rp_an,
    notActivatedTrialUsers: f.rp_nn,
  };
}

export function featureKpis(f: FeatureFigures, discoveryFrom: FeatureKpis['discoveryFrom']): FeatureKpis {
  return {
    discovered: f.discovered,
    activated: f.activated,
    valued: f.valued,
    activationRate: ratio(f.act_c, f.act_n),
    activationMature: f.act_n,
    activationConverted: f.act_c,
    ittv: duration(f.ittv_n, f.ittv_c, f.ittv_q),
    sttv: duration(f.sttv_n, f.sttv_c, f.sttv_q),
    ttbv: duration(f.ttbv_n, f.ttbv_c, f.ttbv_q),
    adoptionRate: ratio(f.ad_c, f.ad_n),
    adoptionMature: f.ad_n,
    adoptionConverted: f.ad_c,
    rptu: rptu(f),
    discoveryFrom,
  };
}
