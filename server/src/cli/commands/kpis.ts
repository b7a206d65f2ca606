// `activation-lens kpis [dir]`: the plan's features' KPIs (DESIGN §4) from the KPI source.
import * as path from 'node:path';
import type { Command } from 'commander';
import { computeKpis } from '../../kpi/compute';
import { KpiInputError } from '../../kpi/duckdb/inputs';
import { kpiFeatures } from '../../kpi/features';
import type { KpiResult } from '../../kpi/result';
import { PLAN_FILE, readPlan } from '../../workspace/plan';
import { UsageError } from '../errors';
import { kpisTable } from '../format/kpis-table';
import { choice, workspaceDir } from '../options';

interface KpisOptions {
  events?: string[];
  asOf?: string;
  format: string;
  plan?: string;
}

export function registerKpis(program: Command): void {
  program
    .command('kpis')
    .description(
      'Compute activation KPIs per feature of the plan from the events files (DuckDB, in-process).',
    )
    .argument('[dir]', 'workspace folder', '.')
    .option(
      '--events <glob>',
      'NDJSON, CSV or Parquet event files (repeatable; default: kpis.events of the plan)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--as-of <iso>', 'as-of time (ISO 8601): later events are ignored (default: now)')
    .option('-f, --format <format>', 'output format: table or json', 'table')
    .option('--plan <file>', 'plan file (default: <dir>/activation-lens.yaml)')
    .action(async (dir: string, opts: KpisOptions) => {
      const format = choice('format', opts.format, ['table', 'json'] as const);
      const root = workspaceDir(dir);
      const asOf = parseAsOf(opts.asOf);
      const planFile = path.resolve(opts.plan ?? path.join(root, PLAN_FILE));
      const plan = readPlan(planFile);
      // The scan tells which flag checks log exposure, for features without a discovery event.
      const needsScan = plan.features.some((f) => f.exposure === undefined && f.discovery.length === 0);
      // Loaded only then: the scan brings in the TypeScript parser.
      const entryPoints = needsScan
        ? (await import('../../workspace/analyze.js')).analyzeDirectory(root, { planFile }).analysis
            .entryPoints
        : [];
      const features = kpiFeatures(plan.features, entryPoints);
      let result: KpiResult;
      try {
        result = await computeKpis(plan.kpis, features, {
          baseDir: path.dirname(planFile),
          asOf,
          ...(opts.events ? { events: opts.events, eventsBaseDir: process.cwd() } : {}),
        });
      } catch (error) {
        if (error instanceof KpiInputError) throw new UsageError(error.message);
        // DuckDB's messages can quote the query over several lines: the first says what failed.
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        throw new UsageError(`cannot compute KPIs: ${message}`);
      }
      const relative = (file: string) => {
        const rel = path.relative(process.cwd(), file);
        return rel && !rel.startsWith('..') ? rel : file;
      };
      process.stdout.write(
        format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : kpisTable(result, relative),
      );
    });
}

function parseAsOf(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const ok = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text);
  // A date or date-time without an offset is UTC, as event timestamps are.
  const normalised = /T|\s/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text}Z` : text;
  const date = new Date(normalised.replace(' ', 'T'));
  if (!ok || Number.isNaN(date.getTime())) {
    throw new UsageError(`--as-of must be an ISO 8601 date or date-time (got ${text})`);
  }
  return date;
}
