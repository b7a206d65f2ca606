// `activation-lens load-clickhouse <files…>`: event files into ClickHouse's default table layout,
// checked by the same rules as the DuckDB source (rejected rows are counted, never loaded).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { TableMappingError } from '../../kpi/clickhouse/events';
import { loadIntoClickHouse } from '../../kpi/clickhouse/load';
import { clickHouseSettings, splitTable } from '../../kpi/clickhouse/settings';
import { KpiInputError } from '../../kpi/duckdb/inputs';
import { count } from '../../core/humanise';
import { RemoteSourceError } from '../../kpi/remote/http';
import { PLAN_FILE, readPlan } from '../../workspace/plan';
import { UsageError } from '../errors';
import { choice } from '../options';
import { clickHouseConnection, ENV, secretsRedactor, traceFrom } from '../remote';

interface LoadOptions {
  clickhouseUrl?: string;
  table?: string;
  plan?: string;
  format: string;
  trace?: boolean;
}

export function registerLoadClickHouse(program: Command): void {
  program
    .command('load-clickhouse')
    .description(
      'Load NDJSON, CSV or Parquet event files into a ClickHouse table of the default layout (created if missing); malformed rows are counted, not loaded.',
    )
    .argument('<files...>', 'event files or globs')
    .option(
      '--clickhouse-url <url>',
      `ClickHouse HTTP interface (or ${ENV.clickhouseUrl}, or kpis.clickhouse.url)`,
    )
    .option(
      '--table <table>',
      '`db.table` or `table` (default: kpis.clickhouse.table of the plan, else activation_lens_events)',
    )
    .option('--plan <file>', `plan whose kpis settings apply (default: ./${PLAN_FILE} when there is one)`)
    .option('-f, --format <format>', 'output format: text or json', 'text')
    .option('--trace', `log each request on stderr, keys redacted (or ${ENV.trace}=1)`)
    .action(async (files: string[], opts: LoadOptions) => {
      const format = choice('format', opts.format, ['text', 'json'] as const);
      const planFile = path.resolve(opts.plan ?? PLAN_FILE);
      if (opts.plan && !fs.existsSync(planFile)) throw new UsageError(`no plan file ${opts.plan}`);
      const plan = readPlan(planFile);
      const settings = clickHouseSettings(plan.kpis.sources.clickhouse);
      if (opts.table) Object.assign(settings, splitTable(opts.table));
      const trace = traceFrom(opts.trace, process.env);
      const { connection, note } = clickHouseConnection(settings, opts, process.env, trace);
      if (note) process.stderr.write(`activation-lens: ${note}\n`);
      const redactor = secretsRedactor(process.env);
      try {
        const result = await loadIntoClickHouse(connection, {
          files,
          baseDir: process.cwd(),
          ...(settings.database ? { database: settings.database } : {}),
          table: settings.table,
          userKeys: plan.kpis.userKeys,
          idKeys: plan.kpis.idKeys,
        });
        if (format === 'json') {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        const lines = [`Loaded ${count(result.loaded)} events into ${result.table}.`];
        if (result.rejected) {
          const reasons = Object.entries(result.rejectedReasons)
            .map(([reason, n]) => `${reason}: ${count(n)}`)
            .join(', ');
          lines.push(`Skipped ${count(result.rejected)} malformed rows (${reasons}):`);
          for (const s of result.rejectedSamples) {
            lines.push(
              `  ${path.relative(process.cwd(), s.file) || s.file}:${s.line ?? `row ${s.row}`}  ${s.reason}`,
            );
          }
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      } catch (error) {
        if (
          error instanceof KpiInputError ||
          error instanceof RemoteSourceError ||
          error instanceof TableMappingError
        ) {
          throw new UsageError(redactor.text(error.message));
        }
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
        throw new UsageError(`cannot load events: ${redactor.text(message)}`);
      }
    });
}
