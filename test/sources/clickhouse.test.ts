// The ClickHouse source against a real clickhouse-server (Debian's 18.16, started privately by
// test/helpers/clickhouse-server.ts): the same generated event sets loaded into it must give the
// DuckDB engine's KPIs to 1e-9 relative, counts exactly, and the loader must reject exactly the rows
// the DuckDB source rejects.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadIntoClickHouse } from '../../server/src/kpi/clickhouse/load';
import { clickHouseSettings } from '../../server/src/kpi/clickhouse/settings';
import { computeKpisWithClickHouse } from '../../server/src/kpi/clickhouse/source';
import type { KpiFeature } from '../../server/src/kpi/model';
import { runCli } from '../helpers/cli';
import { freePort, startClickHouse, type TestClickHouse } from '../helpers/clickhouse-server';
import { DAY_MS, ev, feature, HOUR_MS, kpisOfFiles, settingsWith, tempDir } from '../helpers/kpi';
import { close, generate, NOW } from '../helpers/kpi-generator';

describe('ClickHouse source on a real clickhouse-server', function () {
  this.timeout(300_000);
  let ch: TestClickHouse;
  let dir: string;
  const connection = () => ({ url: ch.url, user: ch.user, password: ch.password });

  before(async () => {
    ch = await startClickHouse();
    dir = tempDir();
  });
  after(async () => {
    await ch?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function load(table: string, files: Record<string, string>) {
    const sub = path.join(dir, table);
    fs.mkdirSync(sub, { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(sub, name), text);
    const s = settingsWith();
    return loadIntoClickHouse(connection(), {
      files: Object.keys(files),
      baseDir: sub,
      table,
      userKeys: s.userKeys,
      idKeys: s.idKeys,
    });
  }

  it('gives the DuckDB engine’s KPIs on 40 generated event sets (duplicates, ties, cut-offs, malformed rows)', async () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { lines, settings, features } = generate(seed);
      const text = lines.join('\n') + '\n';
      const loaded = await load(`gen_${seed}`, { 'events.ndjson': text });
      const duck = await kpisOfFiles({ 'events.ndjson': text }, features, { asOf: NOW, settings });
      const { result, cost } = await computeKpisWithClickHouse(
        settings,
        clickHouseSettings({ table: `gen_${seed}` }),
        connection(),
        features,
        new Date(NOW),
      );
      const where = `seed ${seed}`;
      assert.equal(result.source, 'clickhouse');
      close(result.features, duck.features, `${where} features`);
      assert.deepEqual(
        [result.events, result.duplicates, result.afterAsOf],
        [duck.events, duck.duplicates, duck.afterAsOf],
        `${where} input counts`,
      );
      // Malformed rows are rejected at load, exactly as the DuckDB source rejects them.
      assert.equal(loaded.rejected, duck.rejected, `${where} rejected`);
      assert.deepEqual(loaded.rejectedReasons, duck.rejectedReasons, `${where} reasons`);
      const located = (list: typeof duck.rejectedSamples) =>
        list.map((x) => ({ ...x, file: path.basename(x.file) }));
      assert.deepEqual(located(loaded.rejectedSamples), located(duck.rejectedSamples), `${where} samples`);
      assert.equal(loaded.loaded, duck.events + duck.duplicates + duck.afterAsOf, `${where} loaded`);
      assert.equal(result.rejected, 0, `${where}: a loaded table has no malformed row`);
      // What comes back: one row per feature with a figure, and the user-level row; never events.
      const kpiQuery = cost.queries.find((q) => q.name === 'kpis')!;
      assert.ok(kpiQuery.rows <= features.length + 1, `${where}: ${kpiQuery.rows} rows came back`);
      assert.equal(kpiQuery.rows_read, loaded.loaded, `${where}: the KPI query reads the table once`);
      compared++;
    }
    assert.equal(compared, 40);
  });

  it('loads CSV and Parquet through the DuckDB readers: flat property columns and a properties struct', async () => {
    const csv = [
      'event,userId,timestamp,messageId,revenue,$feature_flag',
      `seen,u1,${new Date(NOW - 20 * DAY_MS).toISOString()},m1,,`,
      `used,u1,${NOW - 20 * DAY_MS + HOUR_MS},m2,12.50,`,
      `used,u1,${NOW - 20 * DAY_MS + HOUR_MS},m2,99,`, // duplicate id
      `trial_started,u1,${NOW - 70 * DAY_MS},m3,,`,
      `$feature_flag_called,u2,${NOW - 30 * DAY_MS},,,x-flag`,
      `used,u2,${NOW - 29 * DAY_MS},,-3,`,
      `seen,,${NOW - 3 * DAY_MS},,,`, // no user
      `"broken,u3`,
    ].join('\n');
    const parquetDir = path.join(dir, 'parquet-src');
    fs.mkdirSync(parquetDir);
    const parquet = path.join(parquetDir, 'events.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await c.run(`COPY (
      SELECT * FROM (VALUES
        ('seen', 'p1', TIMESTAMP '2026-10-01 10:00:00', 'q1', {'revenue': NULL, 'note': 'a "revenue": 5'}),
        ('used', 'p1', TIMESTAMP '2026-10-02 10:00:00', 'q2', {'revenue': 7.25, 'note': NULL}),
        ('trial_started', 'p1', TIMESTAMP '2026-09-01 00:00:00', 'q3', {'revenue': NULL, 'note': NULL}),
        ('used', NULL, TIMESTAMP '2026-10-02 10:00:00', 'q4', {'revenue': 1.0, 'note': NULL})
      ) AS t(event, userId, timestamp, messageId, properties)
    ) TO '${parquet}' (FORMAT parquet)`);
    c.closeSync();
    instance.closeSync();
    const features: KpiFeature[] = [feature('f', ['seen'], ['used'], ['done'], ['x-flag'])];
    const settings = settingsWith();
    const files = { 'events.csv': csv, 'events.parquet': fs.readFileSync(parquet) };
    const duck = await kpisOfFiles(files, features, { asOf: NOW, settings });
    const sub = path.join(dir, 'mixed');
    fs.mkdirSync(sub);
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(sub, name), content);
    const loaded = await loadIntoClickHouse(connection(), {
      files: ['events.csv', 'events.parquet'],
      baseDir: sub,
      table: 'mixed',
      userKeys: settings.userKeys,
      idKeys: settings.idKeys,
    });
    const { result } = await computeKpisWithClickHouse(
      settings,
      clickHouseSettings({ table: 'mixed' }),
      connection(),
      features,
      new Date(NOW),
    );
    assert.ok(duck.rejected >= 2 && duck.features.f!.discovered === 3, JSON.stringify(duck));
    assert.equal(loaded.rejected, duck.rejected);
    assert.deepEqual(loaded.rejectedReasons, duck.rejectedReasons);
    close(result.features, duck.features, 'features');
    assert.deepEqual([result.events, result.duplicates], [duck.events, duck.duplicates]);
    assert.ok(duck.features.f!.rptu.trialUsers === 2, 'both trial users are mature');
  });

  it('reads only top-level properties, whatever nested objects and strings hold', async () => {
    const t = NOW - 70 * DAY_MS; // mature trials (60 days)
    const lines = [
      ev('u1', 'trial_started', t, { properties: { meta: { revenue: 1000 }, note: '"revenue":77,' } }),
      ev('u1', 'paid', t + HOUR_MS, { properties: { items: [{ revenue: 5 }], revenue: 12.5 } }),
      ev('u1', 'paid', t + 2 * HOUR_MS, { properties: { revenue: { amount: 3 } } }),
      ev('u1', 'paid', t + 3 * HOUR_MS, { properties: { 'revenue"': 8, 'a\\': 'b\\', revenue: '4.50' } }),
      ev('u1', 'paid', t + 4 * HOUR_MS, { properties: { revenue: '1e3', x: 'é\u0001\n' } }),
      '{"event":"paid","userId":"u1","timestamp":' +
        (t + 5 * HOUR_MS) +
        ',"properties":{"revenue":2,"revenue":9}}',
      ev('u2', '$feature_flag_called', t, { properties: { $feature_flag: 'k"ey' } }),
      ev('u2', '$feature_flag_called', t, { properties: { nested: { $feature_flag: 'key' } } }),
      ev('u2', 'trial_started', t),
      ev('u2', 'paid', t + DAY_MS, { properties: { revenue: -2.25 } }),
    ];
    const features = [feature('k', [], ['paid'], [], ['k"ey', 'key'])];
    const text = lines.join('\n') + '\n';
    await load('nested', { 'events.ndjson': text });
    const duck = await kpisOfFiles({ 'events.ndjson': text }, features, { asOf: NOW });
    const { result } = await computeKpisWithClickHouse(
      settingsWith(),
      clickHouseSettings({ table: 'nested' }),
      connection(),
      features,
      new Date(NOW),
    );
    // u1: 12.5 + 4.50 + 2 (the first of duplicate keys); u2: −2.25. Not 1000, 77, 5, 3, 8 or 1e3.
    assert.equal(duck.features.k!.rptu.all, (12.5 + 4.5 + 2 - 2.25) / 2);
    assert.equal(duck.features.k!.discovered, 1);
    close(result.features, duck.features, 'features');
  });

  it('maps an existing table: its own column names, a DateTime timestamp, properties in columns, no id', async () => {
    await ch.query(`CREATE TABLE app_events (uid String, name String, at DateTime,
      amount Nullable(Float64), flag Nullable(String)) ENGINE = MergeTree() ORDER BY (uid, at)`);
    const rows = [
      ['a', 'seen', NOW - 20 * DAY_MS, null, null],
      ['a', 'used', NOW - 20 * DAY_MS + HOUR_MS, null, null],
      ['a', 'used', NOW - 10 * DAY_MS, null, null],
      ['a', 'trial_started', NOW - 80 * DAY_MS, null, null],
      ['a', 'paid', NOW - 79 * DAY_MS, 30, null],
      ['b', '$feature_flag_called', NOW - 9 * DAY_MS, null, 'f'],
      ['b', 'used', NOW - 9 * DAY_MS + 60_000, null, null],
      ['', 'used', NOW - 9 * DAY_MS, null, null],
    ] as const;
    const tsv = rows
      .map(([u, e, ms, amount, flag]) =>
        [u, e, Math.floor(ms / 1000), amount ?? '\\N', flag ?? '\\N'].join('\t'),
      )
      .join('\n');
    await ch.query('INSERT INTO app_events FORMAT TabSeparated', tsv + '\n');
    const lines = rows
      .filter(([u]) => u)
      .map(([u, e, ms, amount, flag]) => {
        const properties: Record<string, unknown> = {};
        if (amount !== null) properties.revenue = amount;
        if (flag !== null) properties.$feature_flag = flag;
        return ev(u, e, Math.floor(ms / 1000) * 1000, { properties });
      });
    const features = [feature('f', ['seen'], ['used'], [], ['f'])];
    const duck = await kpisOfFiles({ 'e.ndjson': lines.join('\n') }, features, { asOf: NOW });
    const source = clickHouseSettings({
      table: 'app_events',
      columns: {
        user: 'uid',
        event: 'name',
        timestamp: 'at',
        id: null,
        properties: { revenue: 'amount', $feature_flag: 'flag' },
      },
    });
    const { result } = await computeKpisWithClickHouse(
      settingsWith(),
      source,
      connection(),
      features,
      new Date(NOW),
    );
    close(result.features, duck.features, 'features');
    assert.equal(result.rejected, 1);
    assert.deepEqual(result.rejectedReasons, { 'missing user': 1 });
    assert.equal(result.features.f!.discovered, 2);
  });

  describe('from the command line', () => {
    const PLAN = `features:
  checkout:
    discovery: [seen]
    activation: [used]
    value: [done]
kpis:
  source: clickhouse
  clickhouse:
    table: cli_events
`;
    let ws: string;
    const env = () => ({
      ACTIVATION_LENS_CLICKHOUSE_URL: ch.url,
      ACTIVATION_LENS_CLICKHOUSE_USER: ch.user,
      ACTIVATION_LENS_CLICKHOUSE_PASSWORD: ch.password,
    });
    const lines = [
      ev('u1', 'seen', NOW - 10 * DAY_MS, { id: 'e1' }),
      ev('u1', 'used', NOW - 10 * DAY_MS + 90_000, { id: 'e2' }),
      ev('u1', 'used', NOW - 10 * DAY_MS + 90_000, { id: 'e2' }),
      ev('u1', 'done', NOW - 9 * DAY_MS, { id: 'e3' }),
      ev('u2', 'seen', NOW - 8 * DAY_MS),
      '{"event": "seen", "timestamp": 1}',
      'not json',
    ];

    let closedPort: number;
    before(async () => {
      closedPort = await freePort(); // nothing listens there
      ws = path.join(dir, 'cli-ws');
      fs.mkdirSync(path.join(ws, 'events'), { recursive: true });
      fs.writeFileSync(path.join(ws, 'activation-lens.yaml'), PLAN);
      fs.writeFileSync(path.join(ws, 'events', 'a.ndjson'), lines.join('\n') + '\n');
    });

    it('load-clickhouse loads the files and counts the malformed rows', () => {
      const r = runCli(['load-clickhouse', 'events/*.ndjson', '--format', 'json'], { cwd: ws, env: env() });
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.loaded, 5);
      assert.equal(out.rejected, 2);
      assert.deepEqual(out.rejectedReasons, { 'invalid JSON': 1, 'missing user': 1 });
      const text = runCli(['load-clickhouse', 'events/a.ndjson', '--table', 'cli_events_2'], {
        cwd: ws,
        env: env(),
      });
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /^Loaded 5 events into `cli_events_2`\.\nSkipped 2 malformed rows/);
      assert.match(text.stdout, /events\/a\.ndjson:7 {2}invalid JSON/);
    });

    it('kpis --source clickhouse prints the DuckDB source’s JSON, with "source": "clickhouse"', () => {
      const asOf = new Date(NOW).toISOString();
      const remote = runCli(['kpis', ws, '--format', 'json', '--as-of', asOf], { env: env() });
      assert.equal(remote.status, 0, remote.stderr);
      const local = runCli([
        'kpis',
        ws,
        '--source',
        'duckdb',
        '--events',
        path.join(ws, 'events', '*.ndjson'),
        '--format',
        'json',
        '--as-of',
        asOf,
      ]);
      assert.equal(local.status, 0, local.stderr);
      const a = JSON.parse(remote.stdout);
      const b = JSON.parse(local.stdout);
      assert.equal(a.source, 'clickhouse');
      assert.equal(b.source, 'duckdb');
      close(a.features, b.features, 'features');
      assert.deepEqual([a.events, a.duplicates], [b.events, b.duplicates]);
      assert.equal(a.features.checkout.activated, 1);
      const table = runCli(['kpis', ws, '--table', 'cli_events_2', '--as-of', asOf], { env: env() });
      assert.equal(table.status, 0, table.stderr);
      assert.match(table.stdout, /checkout/);
    });

    it('fails in one line, without the password, when the server refuses it or the table is missing', () => {
      const wrong = runCli(['kpis', ws, '--format', 'json'], {
        env: { ...env(), ACTIVATION_LENS_CLICKHOUSE_PASSWORD: 'not-the-password-42' },
      });
      assert.equal(wrong.status, 2);
      assert.match(
        wrong.stderr,
        /^activation-lens: ClickHouse at http:\/\/127\.0\.0\.1:\d+ answered \d+: .*password/i,
      );
      assert.equal(wrong.stderr.trim().split('\n').length, 1, wrong.stderr);
      assert.ok(
        !wrong.stderr.includes('not-the-password-42') && !wrong.stdout.includes('not-the-password-42'),
      );
      const missing = runCli(['kpis', ws, '--table', 'nope'], { env: env() });
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /nope.*doesn't exist/);
      const url = `http://127.0.0.1:${closedPort}`;
      const down = runCli(['kpis', ws], { env: { ...env(), ACTIVATION_LENS_CLICKHOUSE_URL: url } });
      assert.equal(down.status, 2);
      assert.match(down.stderr, new RegExp(`cannot reach ClickHouse at ${url}: .*ECONNREFUSED`));
      assert.ok(!down.stderr.includes(ch.password));
    });
  });
});
