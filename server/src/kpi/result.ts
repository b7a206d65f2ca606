// The KPI result as plain JSON data: what `activation-lens kpis --format json` prints and what the
// language server will send to the client. No imports, so the protocol module can re-export it.
// Definitions: DESIGN §4. Durations are seconds, rates are fractions, money is in the revenue
// property's own unit. A figure whose population is empty is `null`; counts are never null.

export type KpiSourceKind = 'duckdb' | 'clickhouse' | 'posthog';

/** A time-to-value figure (ITTV, STTV, TTBV). */
export interface DurationKpi {
  /** Median seconds from the anchor to the milestone, over users who converted within the window. */
  p50: number | null;
  p90: number | null;
  /** converted / n. */
  reach: number | null;
  /** Mature users: anchored at least one window before `asOf`. */
  n: number;
  /** Mature users who reached the milestone within the window. */
  converted: number;
}

/** Revenue per Trial User over the horizon after each trial user's first trial-start event. */
export interface RptuKpi {
  /** Revenue of all mature trial users / their number. */
  all: number | null;
  trialUsers: number;
  /** RPTU of trial users who activated this feature by the end of their horizon. */
  activated: number | null;
  notActivated: number | null;
  /** activated − notActivated. */
  lift: number | null;
  activatedTrialUsers: number;
  notActivatedTrialUsers: number;
}

export interface FeatureKpis {
  discovered: number;
  activated: number;
  valued: number;
  activationRate: number | null;
  activationMature: number;
  activationConverted: number;
  ittv: DurationKpi;
  sttv: DurationKpi;
  ttbv: DurationKpi;
  adoptionRate: number | null;
  adoptionMature: number;
  adoptionConverted: number;
  rptu: RptuKpi;
  /** How discovery was measured: the plan's events, or the flag SDK's exposure event. */
  discoveryFrom: 'events' | 'exposure' | 'events+exposure' | 'none';
}

/** One skipped input row, for people to find it: NDJSON gives the line, CSV and Parquet the data row. */
export interface RejectedSample {
  file: string;
  /** 1-based line of the file (NDJSON, and CSV rows the CSV parser itself rejected). */
  line?: number;
  /** 1-based data row (CSV without its header, Parquet). */
  row?: number;
  reason: string;
}

/** Window lengths in seconds, as used for this result. */
export interface KpiWindowsUsed {
  activation: number;
  ittv: number;
  sttv: number;
  ttbv: number;
  adoption: number;
  rptu: number;
  analysis: number;
}

export interface KpiResult {
  /** ISO 8601 UTC: events after it are ignored and maturity is measured from it. */
  asOf: string;
  source: KpiSourceKind;
  /** Events counted (valid, after de-duplication, at or before `asOf`). */
  events: number;
  /** Valid rows dropped because another row has the same event id (each id counts once). */
  duplicates: number;
  /** Valid rows dated after `asOf`. */
  afterAsOf: number;
  /** Malformed rows skipped. */
  rejected: number;
  /** Malformed rows by kind of problem. */
  rejectedReasons: Record<string, number>;
  /** The first few malformed rows, in file order. */
  rejectedSamples: RejectedSample[];
  windows: KpiWindowsUsed;
  features: Record<string, FeatureKpis>;
}
