// What the editor shows beside the KPIs: daily trend, time-to-value distributions, how each event is
// firing and whether users activate without being discovered. Plain JSON (types only), so the
// protocol module can re-export it and the disk cache can store it as it is.
import type { KpiResult } from '../result';

/** One UTC day of the trend: users whose first discovery / first activation fell on it. */
export interface DailyPoint {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  discovered: number;
  activated: number;
}

/** Users whose time to value fell in [lo, hi) seconds (hi null: open-ended). */
export interface HistogramBin {
  lo: number;
  hi: number | null;
  /** `1m–5m`. */
  label: string;
  users: number;
}

export interface FeatureLive {
  /** The last 30 UTC days up to the as-of day, oldest first. */
  daily: DailyPoint[];
  /** Mature users who activated within the ITTV window, by time from discovery to activation. */
  ittvHistogram: HistogramBin[];
  /** Mature users who reached value within the STTV window, by time from discovery to value. */
  sttvHistogram: HistogramBin[];
  /** Users with a discovery in the last 28 days. */
  discoveredRecently: number;
  /** Users who sent an activation event at all. */
  activatedAny: number;
  /** Of those, users with no discovery at or before their first activation. */
  activatedWithoutDiscovery: number;
}

/** How one event name is firing. */
export interface EventActivity {
  last7d: number;
  last28d: number;
  /** Distinct users who sent it in the last 28 days. */
  users28d: number;
  /** ISO 8601 time of its last occurrence (at or before asOf), null when never seen. */
  lastSeen: string | null;
}

export interface LiveFigures {
  features: Record<string, FeatureLive>;
  events: Record<string, EventActivity>;
  /** ISO 8601 time of the newest event at or before asOf: how old the data is. */
  latestEvent: string | null;
}

/** One computation for the editor: the KPIs, and the live figures when the source provides them. */
export interface LiveKpis {
  result: KpiResult;
  live?: LiveFigures;
}
