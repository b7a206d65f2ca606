// `npm run bench:clickhouse`: what one KPI refresh costs a ClickHouse server (docs/scaling.md). A
// private clickhouse-server (Debian's 18.16, test/helpers/clickhouse-server.ts) with query logging
// on; events generated on the server itself (INSERT … SELECT FROM numbers(N): no client upload) in
// the default table layout, sizes BENCH_CH_SIZES (default 1M, 10M, 100M events; one user per 100
// events, 20 features). For each size, the source's two queries (input statistics and KPIs) run
// as a live refresh runs them, and system.query_log gives what each cost: rows and bytes read,
// result rows and bytes, peak memory, duration. 18.16 has no EXPLAIN: the KPI query's SQL is
// written to .bench/clickhouse/kpi-query.sql, its shape is in server/src/kpi/sql/kpi-query.ts.
// Each size runs twice: with de-duplication by event id (the default: a GROUP BY over every id, so
// memory grows with the events) and with `kpis.clickhouse.deduplicate: false` (a table that is
// de-duplicated at ingestion: memory grows with users). Prints figures; asserts nothing.
// BENCH_CH_MEMORY: the per-query memory limit (default 8 GB); BENCH_CH_SPILL: bytes after which a
// GROUP BY spills to disk (max_bytes_before_external_group_by; default 3 GB, 0: never); BENCH_CH_MEMORY_ALL:
// the limit over all queries at once (default 12 GB); BENCH_CH_DEDUP=on|off: one mode only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTableSql } from '../server/src/kpi/clickhouse/load';
import { computeKpisWithClickHouse } from '../server/src/kpi/clickhouse/source';
import { clickHouseSettings } from '../server/src/kpi/clickhouse/settings';
import { defaultKpiSettings } from '../server/src/core/plan/model';
import type { KpiFeature } from '../server/src/kpi/model';
import { ClickHouseDialect } from '../server/src/kpi/sql/clickhouse-dialect';
import { kpiQuery } from '../server/src/kpi/sql/kpi-query';
import { startClickHouse, type TestClickHouse } from '../test/helpers/clickhouse-server';

const SIZES = (process.env.BENCH_CH_SIZES ?? '1000000,10000000,100000000').split(',').map(Number);
const MEMORY = Number(process.env.BENCH_CH_MEMORY ?? 8e9);
const SPILL = Number(process.env.BENCH_CH_SPILL ?? 3e9);
/** BENCH_CH_DEDUP=on or off runs one mode only. */
const MODES = { on: [true], off: [false] }[process.env.BENCH_CH_DEDUP ?? ''] ?? [false, true];
/** The server's limit over all queries at once (the machine is shared: stay well below its RAM). */
const MEMORY_ALL = Number(process.env.BENCH_CH_MEMORY_ALL ?? 12e9);
const OUT = path.join(__dirname, '..', '.bench', 'clickhouse');
const AS_OF = new Date(Date.UTC(2026, 10, 30));
const SPAN_MS = 180 * 86_400_000;
const EVENTS_PER_USER = 100;

const FEATURES: KpiFeature[] = Array.from({ length: 20 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  const exposure = i >= 15; // five features discovered through flag exposure events
  return {
    key: `feature-${n}`,
    discovery: exposure ? [] : [`f${n}_viewed`],
    activation: [`f${n}_started`],
    value: [`f${n}_completed`],
    exposureFlags: exposure ? [`feature-${n}`] : [],
  };
});

/**
 * Event names weighted like a product's: page views dominate, each feature is viewed more than it
 * is started, started more than completed; trial starts, payments (with revenue) and exposures.
 */
function eventNames(): string[] {
  const names: string[] = Array<string>(200).fill('page_view');
  for (let i = 1; i <= 20; i++) {
    const n = String(i).padStart(2, '0');
    names.push(...Array<string>(4).fill(i > 15 ? '$feature_flag_called' : `f${n}_viewed`));
    names.push(`f${n}_started`, `f${n}_started`, `f${n}_completed`);
  }
  names.push('trial_started', 'payment', 'payment');
  return names;
}

function generateSql(table: string, size: number): string {
  const users = Math.max(1, Math.round(size / EVENTS_PER_USER));
  const names = `[${eventNames()
    .map((n) => `'${n}'`)
    .join(',')}]`;
  const event = `arrayElement(${names}, (intHash32(number * 7 + 3) % ${eventNames().length}) + 1)`;
  const start = AS_OF.getTime() - SPAN_MS;
  // Exposure events name one of the five exposure features' flags; payments carry a revenue.
  const properties = `multiIf(
    event = 'payment', concat('{"revenue":', toString(intHash32(number) % 200), '}'),
    event = '$feature_flag_called', concat('{"$feature_flag":"feature-', toString(16 + intHash32(number * 5) % 5), '"}'),
    '{}')`;
  return `INSERT INTO ${table}
SELECT concat('u', toString(intHash32(number * 11 + 5) % ${users})) AS user_id,
  ${event} AS event,
  toInt64(${start} + intHash64(number * 13 + 1) % ${SPAN_MS}) AS ts_ms,
  ${properties} AS properties,
  toString(number) AS event_id
FROM numbers(${size})`;
}

interface Logged {
  query_duration_ms: string;
  read_rows: string;
  read_bytes: string;
  result_rows: string;
  result_bytes: string;
  memory_usage: string;
}

async function lastLogged(ch: TestClickHouse, marker: string): Promise<Logged> {
  await ch.query('SYSTEM FLUSH LOGS');
  const text =
    await ch.query(`SELECT query_duration_ms, read_rows, read_bytes, result_rows, result_bytes, memory_usage
FROM system.query_log
WHERE type = 2 AND query LIKE '%${marker}%' AND query NOT LIKE '%system.query_log%'
ORDER BY event_time DESC LIMIT 1
FORMAT JSONEachRow`);
  if (!text.trim()) throw new Error(`no query_log row for ${marker}`);
  return JSON.parse(text.trim().split('\n')[0]!) as Logged;
}

const mb = (bytes: string | number) => `${(Number(bytes) / 1e6).toFixed(1)} MB`;
const count = (n: string | number) => Number(n).toLocaleString('en-US');

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const ch = await startClickHouse({
    queryLog: true,
    maxMemoryUsage: MEMORY,
    profile: {
      max_memory_usage_for_all_queries: MEMORY_ALL,
      ...(SPILL ? { max_bytes_before_external_group_by: SPILL } : {}),
    },
  });
  try {
    const version = (await ch.query('SELECT version()')).trim();
    console.log(
      `clickhouse-server ${version}; ${FEATURES.length} features; ${EVENTS_PER_USER} events per user`,
    );
    const settings = defaultKpiSettings();
    const connection = { url: ch.url, user: ch.user, password: ch.password, timeoutMs: 3_600_000 };
    for (const size of SIZES) {
      const table = `events_${size}`;
      await ch.query(createTableSql(table));
      let started = Date.now();
      await ch.query(generateSql(table, size));
      const generatedS = (Date.now() - started) / 1000;
      const disk = (
        await ch.query(
          `SELECT sum(bytes_on_disk) FROM system.parts WHERE active AND table = '${table}' FORMAT TSV`,
        )
      ).trim();
      console.log(
        `\n${count(size)} events (${count(size / EVENTS_PER_USER)} users): generated in ${generatedS.toFixed(0)} s, ${mb(disk)} on disk`,
      );
      for (const deduplicate of MODES) {
        console.log(`  de-duplication by event id ${deduplicate ? 'on (default)' : 'off'}:`);
        started = Date.now();
        try {
          const run = await computeKpisWithClickHouse(
            settings,
            clickHouseSettings({ table, deduplicate }),
            connection,
            FEATURES,
            AS_OF,
          );
          const f1 = run.result.features['feature-01']!;
          console.log(
            `    refresh ${((Date.now() - started) / 1000).toFixed(1)} s wall (both queries at once); feature-01: ${count(f1.discovered)} discovered, activation rate ${f1.activationRate?.toFixed(4) ?? '—'}`,
          );
        } catch (error) {
          console.log(
            `    failed after ${((Date.now() - started) / 1000).toFixed(1)} s: ${(error as Error).message}`,
          );
          continue;
        }
        for (const [name, marker] of [
          ['statistics', 'AS no_event'],
          ['kpis', 'AS ttbv_q'],
        ] as const) {
          const l = await lastLogged(ch, marker);
          console.log(
            `    ${name.padEnd(10)} read ${count(l.read_rows)} rows / ${mb(l.read_bytes)}; result ${count(l.result_rows)} rows / ${mb(l.result_bytes)}; peak memory ${mb(l.memory_usage)}; ${(Number(l.query_duration_ms) / 1000).toFixed(1)} s`,
          );
        }
      }
      await ch.query(`DROP TABLE ${table}`);
    }
    const sql = kpiQuery({
      dialect: new ClickHouseDialect(),
      events: '(<the normalised events relation>) AS ev',
      features: FEATURES,
      settings,
      nowMs: AS_OF.getTime(),
    });
    fs.writeFileSync(path.join(OUT, 'kpi-query.sql'), `${sql}\n`);
    console.log(`\nThe KPI query's SQL: ${path.relative(process.cwd(), path.join(OUT, 'kpi-query.sql'))}`);
  } finally {
    await ch.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
