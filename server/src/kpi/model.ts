// What the KPI engine is asked to compute: features with their milestone events, resolved from the
// plan and the scan (see ./features.ts), and the run's options. Plain data, no I/O.
import type { KpiSettings } from '../core/plan/model';
import type { ClickHouseConnection } from './clickhouse/client';
import type { PostHogConnection } from './posthog/client';

export interface KpiFeature {
  key: string;
  discovery: string[];
  activation: string[];
  value: string[];
  /**
   * Flag keys whose SDK exposure event (`kpis.exposureEvent` with `kpis.exposureFlagProperty` = the
   * key) counts as discovery. Empty when exposure does not count.
   */
  exposureFlags: string[];
}

export interface KpiOptions {
  /** The as-of time; events after it are ignored. Default: now. */
  asOf?: Date;
  /** Event files or globs overriding `settings.events` (absolute, or relative to `eventsBaseDir`). */
  events?: string[];
  /** Folder that `options.events` are resolved against (the CLI: the current folder). Default: baseDir. */
  eventsBaseDir?: string;
  /** Folder that the settings' relative globs are resolved against (the plan's folder). */
  baseDir: string;
  /** How many malformed rows to describe in `rejectedSamples`. Default 5. */
  maxSamples?: number;
  /**
   * Where the remote sources are, with their credentials, as the trust policy (./trust.ts) allowed
   * them: the plan's own endpoints are never used without it.
   */
  remote?: RemoteConnections;
}

export interface RemoteConnections {
  /** With `table` (`db.table` or `table`) overriding the plan's `kpis.clickhouse.table`. */
  clickhouse?: ClickHouseConnection & { table?: string };
  posthog?: PostHogConnection;
}

/** The subset of the plan's `kpis:` settings the formulas use. */
export type KpiFormulaSettings = Pick<
  KpiSettings,
  'windows' | 'trialStartEvent' | 'revenueProperty' | 'exposureEvent' | 'exposureFlagProperty'
>;
