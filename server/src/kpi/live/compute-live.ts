// Entry point of one live computation (run in a child process by the language server): the KPIs and,
// where the source provides them, the live figures. Plain data in and out.
import type { KpiSettings } from '../../core/plan/model';
import { computeKpis } from '../compute';
import type { KpiFeature, RemoteConnections } from '../model';
import { computeLiveWithDuckDb } from './duckdb-live';
import type { LiveKpis } from './result';

export interface LiveJob {
  settings: KpiSettings;
  features: KpiFeature[];
  /** Event names whose activity the tracking-call hovers show. */
  eventNames: string[];
  /** The plan's folder: relative event globs are resolved against it. */
  baseDir: string;
  /** ISO 8601; default now. */
  asOf?: string;
  /**
   * A remote source's endpoint and key, from the editor's trust policy (../../lsp/remote-connections.ts).
   * Set just before the job is sent to the worker over its IPC channel (never argv or environment,
   * which other processes of the user can read), and never part of the job key or the cache.
   */
  remote?: RemoteConnections;
}

export async function computeLive(job: LiveJob): Promise<LiveKpis> {
  const asOf = job.asOf ? new Date(job.asOf) : new Date();
  if (Number.isNaN(asOf.getTime())) throw new Error(`asOf is not a valid date: ${job.asOf}`);
  const options = { baseDir: job.baseDir, asOf };
  if (job.settings.source === 'duckdb') {
    return computeLiveWithDuckDb(job.settings, job.features, job.eventNames, options);
  }
  // Other sources give the KPIs; their live figures (trend, activity) are left out for now.
  return {
    result: await computeKpis(job.settings, job.features, {
      ...options,
      ...(job.remote ? { remote: job.remote } : {}),
    }),
  };
}
