// The KPI engine's entry point: a plain async function, free of editor and LSP imports, so the
// CLI calls it directly and the language server can run it in a worker thread or child process.
import type { KpiSettings } from '../core/plan/model';
import { clickHouseSettings, splitTable } from './clickhouse/settings';
import { computeKpisWithClickHouse } from './clickhouse/source';
import { KpiInputError } from './duckdb/inputs';
import { computeKpisWithDuckDb } from './duckdb/source';
import type { KpiFeature, KpiOptions } from './model';
import { postHogSettings } from './posthog/settings';
import { computeKpisWithPostHog } from './posthog/source';
import type { KpiResult } from './result';

export async function computeKpis(
  settings: KpiSettings,
  features: KpiFeature[],
  options: KpiOptions,
): Promise<KpiResult> {
  const asOf = options.asOf ?? new Date();
  if (Number.isNaN(asOf.getTime())) throw new Error('asOf is not a valid date');
  switch (settings.source) {
    case 'duckdb':
      return computeKpisWithDuckDb(settings, features, { ...options, asOf });
    case 'clickhouse': {
      const connection = options.remote?.clickhouse;
      if (!connection) throw new KpiInputError('no ClickHouse connection: give its URL (--clickhouse-url)');
      const source = clickHouseSettings(settings.sources.clickhouse);
      if (connection.table) Object.assign(source, splitTable(connection.table));
      return (await computeKpisWithClickHouse(settings, source, connection, features, asOf)).result;
    }
    case 'posthog': {
      const connection = options.remote?.posthog;
      if (!connection) throw new KpiInputError('no PostHog connection: give its host, project and API key');
      const source = postHogSettings(settings.sources.posthog);
      return (await computeKpisWithPostHog(settings, source, connection, features, asOf)).result;
    }
  }
}
