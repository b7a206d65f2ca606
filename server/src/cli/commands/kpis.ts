// `activation-lens kpis [dir]`: the plan's features' KPIs (DESIGN §4) from the KPI source.
import * as path from 'node:path';
import type { Command } from 'commander';
import { computeKpis } from '../../kpi/compute';
import { TableMappingError } from '../../kpi/clickhouse/events';
import { clickHouseSettings } from '../../kpi/clickhouse/settings';
import { KpiInputError } from '../../kpi/duckdb/inputs';
import type { RemoteConnections } from '../../kpi/model';
import { postHogSettings } from '../../kpi/posthog/settings';
import { RemoteSourceError } from '../../kpi/remote/http';
import { kpiFeatures } from '../../kpi/features';
import type { KpiResult } from '../../kpi/result';
import { PLAN_FILE, readPlan } from '../../workspace/plan';
import { UsageError } from '../errors';
import { kpisTable } from '../format/kpis-table';
import { choice, workspaceDir } from '../options';
import { clickHouseConnection, ENV, postHogConnection, secretsRedactor, traceFrom } from '../remote';

interface KpisOptions {
  events?: string[];
  asOf?: string;
  format: string;
  plan?: string;
  source?: string;
  clickhouseUrl?: string;
  table?: string;
  posthogHost?: string;
  posthogProject?: string;
  trace?: boolean;
}

const SOURCES = ['duckdb', 'clickhouse', 'posthog'] as const;

export function registerKpis(program: Command): void {
  program
    .command('kpis')
    .description(
      'Compute activation KPIs per feature of the plan: from event files (DuckDB, in-process), ClickHouse or PostHog.',
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
    .option(
      '--source <source>',
      'duckdb, clickhouse or posthog (default: kpis.source of the plan, else duckdb)',
    )
    .option(
      '--clickhouse-url <url>',
      `ClickHouse HTTP interface (or ${ENV.clickhouseUrl}); user and password from ${ENV.clickhouseUser} / ${ENV.clickhousePassword}`,
    )
    .option(
      '--table <table>',
      'ClickHouse table, `db.table` or `table` (default: kpis.clickhouse.table of the plan)',
    )
    .option(
      '--posthog-host <url>',
      `PostHog instance (or ${ENV.posthogHost}); the key from ${ENV.posthogKey}`,
    )
    .option(
      '--posthog-project <id>',
      `PostHog project id (or ${ENV.posthogProject}, or kpis.posthog.projectId)`,
    )
    .option('--trace', `log each request to a remote source on stderr, keys redacted (or ${ENV.trace}=1)`)
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
      const source = opts.source === undefined ? plan.kpis.source : choice('source', opts.source, SOURCES);
      const remote = remoteConnections(source, plan.kpis.sources, opts);
      let result: KpiResult;
      try {
        result = await computeKpis({ ...plan.kpis, source }, features, {
          baseDir: path.dirname(planFile),
          asOf,
          ...(opts.events ? { events: opts.events, eventsBaseDir: process.cwd() } : {}),
          remote,
        });
      } catch (error) {
        if (
          error instanceof KpiInputError ||
          error instanceof RemoteSourceError ||
          error instanceof TableMappingError
        ) {
          throw new UsageError(secretsRedactor(process.env).text(error.message));
        }
        // DuckDB's messages can quote the query over several lines: the first says what failed.
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
        throw new UsageError(`cannot compute KPIs: ${secretsRedactor(process.env).text(message)}`);
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

function remoteConnections(
  source: (typeof SOURCES)[number],
  sources: Record<string, unknown>,
  opts: KpisOptions,
): RemoteConnections {
  const trace = traceFrom(opts.trace, process.env);
  const note = (text: string | undefined) => text && process.stderr.write(`activation-lens: ${text}\n`);
  if (source === 'clickhouse') {
    const { connection, note: n } = clickHouseConnection(
      clickHouseSettings(sources.clickhouse),
      opts,
      process.env,
      trace,
    );
    note(n);
    return { clickhouse: connection };
  }
  if (source === 'posthog') {
    const { connection, note: n } = postHogConnection(
      postHogSettings(sources.posthog),
      opts,
      process.env,
      trace,
    );
    note(n);
    return { posthog: connection };
  }
  return {};
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
