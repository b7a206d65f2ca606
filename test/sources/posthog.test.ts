// The PostHog source against a local stand-in for PostHog's query API (test/helpers/posthog-fake.ts)
// that speaks its wire format and answers HogQL on the test ClickHouse: the same generated event
// sets give the DuckDB engine's KPIs to 1e-9 relative; batching, paging, rate limits and errors.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadIntoClickHouse } from '../../server/src/kpi/clickhouse/load';
import { postHogSettings } from '../../server/src/kpi/posthog/settings';
import { computeKpisWithPostHog } from '../../server/src/kpi/posthog/source';
import { RemoteSourceError } from '../../server/src/kpi/remote/http';
import { runCli, runCliAsync } from '../helpers/cli';
import { startClickHouse, type TestClickHouse } from '../helpers/clickhouse-server';
import { DAY_MS, ev, feature, kpisOfFiles, settingsWith, tempDir } from '../helpers/kpi';
import { close, generate, NOW } from '../helpers/kpi-generator';
import { type FakePostHog, posthogEventsFrom, startFakePostHog } from '../helpers/posthog-fake';

const KEY = 'phx_TestPersonalKey_0123456789abcdef';
const PROJECT = '4242';

describe('PostHog source against a stand-in speaking the query API', function () {
  this.timeout(300_000);
  let ch: TestClickHouse;
  let dir: string;
  const fakes: FakePostHog[] = [];

  before(async () => {
    ch = await startClickHouse();
    dir = tempDir();
  });
  after(async () => {
    for (const f of fakes) await f.close();
    await ch?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Loads NDJSON text into a PostHog-shaped `events` table and serves it. */
  async function serve(name: string, text: string, options: { throttle?: number } = {}) {
    const sub = path.join(dir, name);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, 'events.ndjson'), text);
    const s = settingsWith();
    await loadIntoClickHouse(
      { url: ch.url, user: ch.user, password: ch.password },
      {
        files: ['events.ndjson'],
        baseDir: sub,
        table: `src_${name}`,
        userKeys: s.userKeys,
        idKeys: s.idKeys,
      },
    );
    await posthogEventsFrom(ch, `ph_${name}`, `src_${name}`);
    const fake = await startFakePostHog({
      clickhouse: ch,
      database: `ph_${name}`,
      apiKey: KEY,
      projectId: PROJECT,
      ...options,
    });
    fakes.push(fake);
    return fake;
  }

  const connection = (fake: FakePostHog, apiKey = KEY, projectId = PROJECT) => ({
    host: fake.url,
    projectId,
    apiKey,
  });

  it('gives the DuckDB engine’s KPIs on 25 generated event sets, in one query for all features', async () => {
    for (let seed = 101; seed <= 125; seed++) {
      const { lines, settings, features } = generate(seed);
      const text = lines.join('\n') + '\n';
      const fake = await serve(`gen${seed}`, text);
      const duck = await kpisOfFiles({ 'events.ndjson': text }, features, { asOf: NOW, settings });
      const run = await computeKpisWithPostHog(
        settings,
        postHogSettings({}),
        connection(fake),
        features,
        new Date(NOW),
      );
      const where = `seed ${seed}`;
      assert.equal(run.result.source, 'posthog');
      close(run.result.features, duck.features, `${where} features`);
      assert.deepEqual(
        [run.result.events, run.result.duplicates, run.result.afterAsOf],
        [duck.events, duck.duplicates, duck.afterAsOf],
        `${where} input counts`,
      );
      // All features batched: one KPI query and one for the input statistics.
      assert.equal(run.queries, 2);
      assert.equal(fake.requests.length, 2, where);
      for (const r of fake.requests) {
        assert.equal(r.authorization, `Bearer ${KEY}`);
        assert.equal(r.path, `/api/projects/${PROJECT}/query/`);
        assert.equal(JSON.parse(r.body).query.kind, 'HogQLQuery');
      }
    }
  });

  it('splits features into batches and pages through results, with the same figures', async () => {
    const { lines, settings, features } = generate(7);
    const text = lines.join('\n') + '\n';
    const fake = await serve('batches', text);
    const whole = await computeKpisWithPostHog(
      settings,
      postHogSettings({}),
      connection(fake),
      features,
      new Date(NOW),
    );
    const before = fake.requests.length;
    const split = await computeKpisWithPostHog(
      settings,
      postHogSettings({ featuresPerQuery: 2, pageSize: 1 }),
      connection(fake),
      features,
      new Date(NOW),
    );
    assert.equal(split.queries, 1 + Math.ceil(features.length / 2));
    // Pages of one row: each KPI batch has up to 3 rows (2 features and the user row), plus a last
    // page saying there is no more.
    assert.ok(fake.requests.length - before > split.queries, `${fake.requests.length - before} requests`);
    assert.deepEqual(split.result.features, whole.result.features);
    const paged = fake.queries.slice(-3);
    assert.ok(paged.every((q) => /LIMIT 1 OFFSET \d+$/.test(q)));
  });

  it('waits as Retry-After says when throttled (429), then succeeds', async () => {
    const text = [ev('u1', 'seen', NOW - 9 * DAY_MS), ev('u1', 'used', NOW - 9 * DAY_MS + 1000)].join('\n');
    const fake = await serve('throttled', text, { throttle: 2 });
    const features = [feature('f', ['seen'], ['used'], [])];
    const run = await computeKpisWithPostHog(
      settingsWith(),
      postHogSettings({}),
      connection(fake),
      features,
      new Date(NOW),
    );
    assert.equal(run.result.features.f!.activated, 1);
    assert.deepEqual(
      fake.requests.map((r) => r.status),
      [429, 429, 200, 200],
    );
    assert.equal(run.usage.retries, 2);
    assert.equal(run.usage.waitedMs, 2000);
    // A Retry-After longer than the client accepts fails at once, saying so.
    fake.setThrottle(1, 3600);
    await assert.rejects(
      computeKpisWithPostHog(settingsWith(), postHogSettings({}), connection(fake), features, new Date(NOW)),
      (e: Error) => e instanceof RemoteSourceError && /429: Request was throttled.*giving up/.test(e.message),
    );
  });

  it('reports 401 and 403 as PostHog words them, never with the key', async () => {
    const fake = await serve('auth', ev('u1', 'seen', NOW - DAY_MS) + '\n');
    const features = [feature('f', ['seen'], [], [])];
    const wrongKey = 'phx_WrongKey_abcdefabcdef0123';
    await assert.rejects(
      computeKpisWithPostHog(
        settingsWith(),
        postHogSettings({}),
        connection(fake, wrongKey),
        features,
        new Date(NOW),
      ),
      (e: Error) =>
        /answered 401: Personal API key found in request Authorization header is invalid\. \(authentication_failed\)/.test(
          e.message,
        ) && !e.message.includes(wrongKey),
    );
    await assert.rejects(
      computeKpisWithPostHog(
        settingsWith(),
        postHogSettings({}),
        connection(fake, KEY, '1'),
        features,
        new Date(NOW),
      ),
      (e: Error) =>
        /answered 403: .*permission_denied.*project 1/.test(e.message) && !e.message.includes(KEY),
    );
    // A 401 is not retried.
    assert.deepEqual(
      fake.requests.map((r) => r.status),
      [401, 403],
    );
  });

  it('kpis --source posthog: the same JSON as DuckDB, and with --trace the key appears nowhere', async () => {
    const { lines, features } = generate(3);
    const text = lines.join('\n') + '\n';
    const fake = await serve('cli', text);
    const ws = path.join(dir, 'cli-ws');
    fs.mkdirSync(path.join(ws, 'events'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'events', 'e.ndjson'), text);
    const plan = [
      'features:',
      ...features.map(
        (f) =>
          `  ${f.key}:\n    discovery: ${JSON.stringify(f.discovery)}\n    activation: ${JSON.stringify(f.activation)}\n    value: ${JSON.stringify(f.value)}\n    exposure: ${f.exposureFlags.length > 0}${f.exposureFlags.length ? `\n    flag: ${JSON.stringify(f.exposureFlags)}` : ''}`,
      ),
      'kpis:',
      '  events: events/*.ndjson',
      `  posthog: { projectId: ${PROJECT} }`,
    ].join('\n');
    fs.writeFileSync(path.join(ws, 'activation-lens.yaml'), plan);
    const asOf = new Date(NOW).toISOString();
    const env = { ACTIVATION_LENS_POSTHOG_API_KEY: KEY, ACTIVATION_LENS_POSTHOG_HOST: fake.url };
    const remote = await runCliAsync(
      ['kpis', ws, '--source', 'posthog', '--format', 'json', '--as-of', asOf, '--trace'],
      { env },
    );
    assert.equal(remote.status, 0, remote.stderr);
    const local = runCli(['kpis', ws, '--format', 'json', '--as-of', asOf]);
    const a = JSON.parse(remote.stdout);
    const b = JSON.parse(local.stdout);
    assert.equal(a.source, 'posthog');
    assert.ok(b.features.gamma.discovered > 0, 'exposure events discover gamma');
    close(a.features, b.features, 'features');
    // The trace shows the requests and the HogQL, never the key.
    assert.match(
      remote.stderr,
      /\[trace\] → POST http:\/\/127\.0\.0\.1:\d+\/api\/projects\/4242\/query\/ \(Authorization: \[redacted\]/,
    );
    assert.match(remote.stderr, /\[trace\] ← 200 in \d+ ms/);
    assert.match(remote.stderr, /GROUP BY k/);
    assert.ok(!remote.stderr.includes(KEY) && !remote.stdout.includes(KEY));
    // Failing runs with tracing on: the key stays out of the error too.
    const wrong = await runCliAsync(['kpis', ws, '--source', 'posthog', '--trace'], {
      env: { ...env, ACTIVATION_LENS_POSTHOG_API_KEY: 'phx_NotTheKey_9876543210' },
    });
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /activation-lens: PostHog at http:\/\/127\.0\.0\.1:\d+ answered 401/);
    assert.ok(!wrong.stderr.includes('phx_NotTheKey_9876543210'));
    const noKey = await runCliAsync(['kpis', ws, '--source', 'posthog'], {
      env: { ACTIVATION_LENS_POSTHOG_HOST: fake.url },
    });
    assert.equal(noKey.status, 2);
    assert.match(noKey.stderr, /needs a personal API key in ACTIVATION_LENS_POSTHOG_API_KEY/);
  });
});
