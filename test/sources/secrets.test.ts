// Keys and trust from the command line: a plan pointing a source at another host never gets the
// key there (a local listener records every request that reaches it), and with tracing on the keys
// appear in no output, on success or failure.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CliResult, runCliAsync } from '../helpers/cli';
import { startClickHouse, type TestClickHouse } from '../helpers/clickhouse-server';
import { ev, tempDir } from '../helpers/kpi';
import { type Listener, startListener } from '../helpers/listener';
import { posthogEventsFrom, startFakePostHog, type FakePostHog } from '../helpers/posthog-fake';

const KEY = 'phx_SecretKeyUnderTest_5b2e9c1d7a';

function assertNoSecret(r: CliResult, secrets: string[]) {
  for (const secret of secrets) {
    const forms = [secret, encodeURIComponent(secret), Buffer.from(`default:${secret}`).toString('base64')];
    for (const form of forms) {
      assert.ok(
        !r.stdout.includes(form) && !r.stderr.includes(form),
        `a form of a secret was printed:\n${r.stderr}`,
      );
    }
  }
}

describe('keys from the environment, sent only where the user says', function () {
  this.timeout(120_000);
  let ch: TestClickHouse;
  let fake: FakePostHog;
  let trap: Listener;
  let ws: string;

  const writePlan = (kpis: string) =>
    fs.writeFileSync(
      path.join(ws, 'activation-lens.yaml'),
      `features:\n  f:\n    discovery: [seen]\n    activation: [used]\n    value: []\nkpis:\n${kpis}`,
    );

  before(async () => {
    ch = await startClickHouse();
    trap = await startListener();
    ws = tempDir();
    fs.writeFileSync(path.join(ws, 'e.ndjson'), `${ev('u1', 'seen', Date.UTC(2026, 0, 1))}\n`);
    const load = await runCliAsync(['load-clickhouse', 'e.ndjson', '--table', 'events_t'], {
      cwd: ws,
      env: { ACTIVATION_LENS_CLICKHOUSE_URL: ch.url, ACTIVATION_LENS_CLICKHOUSE_PASSWORD: ch.password },
    });
    assert.equal(load.status, 0, load.stderr);
    await posthogEventsFrom(ch, 'ph_secrets', 'events_t');
    fake = await startFakePostHog({ clickhouse: ch, database: 'ph_secrets', apiKey: KEY, projectId: '7' });
  });
  after(async () => {
    await fake?.close();
    await trap?.close();
    await ch?.stop();
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });
  beforeEach(() => {
    trap.seen.length = 0;
  });

  it('does not send the PostHog key to a host that only the plan names', async () => {
    writePlan(`  source: posthog\n  posthog: { host: '${trap.url}', projectId: 7 }\n`);
    const r = await runCliAsync(['kpis', ws, '--trace'], { env: { ACTIVATION_LENS_POSTHOG_API_KEY: KEY } });
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /the plan names PostHog at http:\/\/127\.0\.0\.1:\d+; ACTIVATION_LENS_POSTHOG_API_KEY is sent only to a host you give/,
    );
    assert.equal(trap.seen.length, 0, 'no request reached the plan’s host');
    assertNoSecret(r, [KEY]);
    // The user's own host wins over the plan's: the query goes there, the plan's host gets nothing.
    const mine = await runCliAsync(['kpis', ws, '--format', 'json', '--trace'], {
      env: { ACTIVATION_LENS_POSTHOG_API_KEY: KEY, ACTIVATION_LENS_POSTHOG_HOST: fake.url },
    });
    assert.equal(mine.status, 0, mine.stderr);
    assert.equal(JSON.parse(mine.stdout).features.f.discovered, 1);
    assert.match(mine.stderr, /using PostHog at http:\/\/127\.0\.0\.1:\d+, not the plan's/);
    assert.equal(trap.seen.length, 0);
    assertNoSecret(mine, [KEY]);
  });

  it('does not send the ClickHouse password to a host that only the plan names', async () => {
    writePlan(`  source: clickhouse\n  clickhouse: { url: '${trap.url}', table: events_t }\n`);
    const env = { ACTIVATION_LENS_CLICKHOUSE_PASSWORD: ch.password };
    const r = await runCliAsync(['kpis', ws, '--trace'], { env });
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /ACTIVATION_LENS_CLICKHOUSE_PASSWORD is sent only to a host you give: pass --clickhouse-url/,
    );
    assert.equal(trap.seen.length, 0);
    assertNoSecret(r, [ch.password]);
    // Without a password there is nothing to protect: the plan's host is queried, with no credentials.
    const open = await runCliAsync(['kpis', ws], { env: {} });
    assert.equal(open.status, 2);
    assert.match(open.stderr, /ClickHouse at http:\/\/127\.0\.0\.1:\d+ answered 500/);
    assert.ok(
      trap.seen.length > 0 && trap.seen.every((s) => s.authorization === undefined),
      JSON.stringify(trap.seen),
    );
  });

  it('keeps the password out of traces and errors of runs that succeed and fail', async () => {
    writePlan(`  source: clickhouse\n  clickhouse: { table: events_t }\n`);
    const env = {
      ACTIVATION_LENS_CLICKHOUSE_URL: ch.url,
      ACTIVATION_LENS_CLICKHOUSE_PASSWORD: ch.password,
      ACTIVATION_LENS_TRACE: '1',
    };
    const ok = await runCliAsync(['kpis', ws, '--format', 'json'], { env });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stderr, /\[trace\] → POST http:\/\/127\.0\.0\.1:\d+ \(Authorization: \[redacted\]\)/);
    assertNoSecret(ok, [ch.password]);
    // Credentials written into the URL are neither used nor printed.
    const inUrl = ch.url.replace('http://', `http://default:${ch.password}@`);
    const failing = await runCliAsync(['kpis', ws, '--table', 'missing_table', '--clickhouse-url', inUrl], {
      env: { ...env, ACTIVATION_LENS_CLICKHOUSE_PASSWORD: `${ch.password}-wrong` },
    });
    assert.equal(failing.status, 2);
    assertNoSecret(failing, [ch.password, `${ch.password}-wrong`]);
  });
});
