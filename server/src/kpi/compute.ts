// The KPI engine's entry point: a plain async function, free of editor and LSP imports, so the
// CLI calls it directly and the language server can run it in a worker thread or child process.
import type { KpiSettings } from '../core/plan/model';
import { computeKpisWithDuckDb } from './duckdb/source';
import type { KpiFeature, KpiOptions } from './model';
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
    default:
      throw new Error(`KPI source ${settings.source} is not available yet (use duckdb)`);
  }
}
