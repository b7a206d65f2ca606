// What a person does with a remote KPI source in VS Code (code-server in Chromium), against a private
// clickhouse-server and a local listener standing for "another host": saves the ClickHouse password
// through the command's prompts (the endpoint comes from their user settings), sees live KPIs from
// ClickHouse, then the plan names another host: the real question is asked once, declined, and the
// host receives nothing. code-server runs with `--log trace` and `activationLens.trace.server:
// verbose`, so the LSP trace lands in the output channel's log file: the password is in no log file.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { loadIntoClickHouse } from '../../../server/src/kpi/clickhouse/load';
import { startClickHouse, type TestClickHouse } from '../../helpers/clickhouse-server';
import { type Listener, startListener } from '../../helpers/listener';
import { BASE } from '../../server/helpers/shop-events';
import {
  openFile,
  openWorkbenchSession,
  screenshot,
  screenshotFailuresAndClose,
  statusBarItem,
  type WorkbenchSession,
} from '../harness';
import { waitFor } from '../wait';

// The fixture's code sends no value event (value ✗); the KPIs still count order_completed from the table.
const LENS = 'checkout-v2 · discovery ✓ · activation ✓ · value ✗ · activation 75% · STTV p50 1h';
const QUESTION =
  /This workspace's plan sends ClickHouse queries to http:\/\/127\.0\.0\.1:\d+\. Send your ClickHouse password there/;

/** Runs a command from the Command Palette; unlike runCommand, the command may open an input box. */
async function paletteCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Answers the input box titled `title`: returns what it offered, types `value` if given, accepts. */
async function answerInputBox(page: Page, title: string, value?: string): Promise<string> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
  const input = page.locator('.quick-input-widget input');
  const offered = await input.inputValue();
  if (value !== undefined) await input.fill(value);
  await page.keyboard.press('Enter');
  return offered;
}

describe('VS Code UI: a ClickHouse password, where it may go, and the logs', () => {
  let ch: TestClickHouse;
  let trap: Listener;
  let session: WorkbenchSession;
  let events: string;

  const writeKpis = (kpis: string) =>
    fs.writeFileSync(
      path.join(session.workspace, 'activation-lens.yaml'),
      `features:\n  checkout-v2:\n    flag: checkout-v2\n    discovery: [checkout_viewed]\n    activation: [checkout_started]\n    value: [order_completed]\nkpis:\n${kpis}`,
    );

  before(async () => {
    [ch, trap] = await Promise.all([startClickHouse(), startListener()]);
    events = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'al-ndjson-')), 'shop.ndjson');
    fs.writeFileSync(events, BASE);
    await loadIntoClickHouse(
      { url: ch.url, user: ch.user, password: ch.password },
      {
        files: [events],
        baseDir: path.dirname(events),
        table: 'shop',
        userKeys: ['userId'],
        idKeys: ['messageId'],
      },
    );
    session = await openWorkbenchSession('sources', {
      logLevel: 'trace',
      settings: {
        'activationLens.trace.server': 'verbose',
        'activationLens.clickhouse.url': ch.url,
        'activationLens.kpis.asOf': '2026-11-30T00:00:00Z',
        'activationLens.kpis.refreshInterval': 0,
      },
    });
    await statusBarItem(session.page, /Activation Lens: \d+ features?/);
  });

  screenshotFailuresAndClose(() => session);

  after(async () => {
    await trap?.close();
    await ch?.stop();
    if (events) fs.rmSync(path.dirname(events), { recursive: true, force: true });
  });

  it('saves the password through the prompts, for the host of the user settings, and shows KPIs from ClickHouse', async () => {
    const { page } = session;
    await paletteCommand(page, 'Activation Lens: Set ClickHouse Password');
    assert.equal(await answerInputBox(page, 'ClickHouse: where the key goes'), ch.url);
    assert.equal(await answerInputBox(page, 'ClickHouse: user'), 'default');
    await answerInputBox(page, 'ClickHouse: password', ch.password);
    await page
      .locator('.notification-toast', { hasText: /ClickHouse password saved for http:\/\/127\.0\.0\.1:\d+/ })
      .first()
      .waitFor();
    writeKpis('  source: clickhouse\n  clickhouse: { table: shop }\n');
    await statusBarItem(page, 'KPIs just now');
    const editor = await openFile(page, 'src/Checkout.tsx');
    await editor.locator('.codelens-decoration', { hasText: LENS }).first().waitFor();
    await screenshot(page, 'clickhouse-kpis');
  });

  it('asks once before the password goes to a host only the plan names; declined, that host gets nothing', async () => {
    const { page } = session;
    writeKpis(`  source: clickhouse\n  clickhouse: { url: '${trap.url}', table: shop }\n`);
    const dialog = page.locator('.monaco-dialog-box', { hasText: QUESTION });
    await dialog.waitFor();
    await screenshot(page, 'clickhouse-trust-question');
    await dialog.locator('.monaco-button', { hasText: "Don't Allow" }).click();
    await dialog.waitFor({ state: 'hidden' });
    await statusBarItem(page, 'KPIs stale');
    // Asked again (a refresh, a test of the connection): the remembered answer, no new question.
    await paletteCommand(page, 'Activation Lens: Test KPI Source Connection');
    await page
      .locator('.notification-toast', {
        hasText:
          /you declined to send your ClickHouse password to http:\/\/127\.0\.0\.1:\d+ for this workspace/,
      })
      .first()
      .waitFor();
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no second question');
    assert.deepEqual(trap.seen, [], 'no request reached the plan’s host');
  });

  it('with the LSP trace on, writes the key-carrying messages to the log, the password in no form', async () => {
    const traced = await waitFor('the LSP trace of activationLens/secret in a log file', () =>
      session.server
        .logFiles()
        .some((f) =>
          /Sending response 'activationLens\/secret[\s\S]*"sealed"/.test(fs.readFileSync(f, 'latin1')),
        ),
    );
    assert.ok(traced);
    const files = session.server.logFiles();
    const texts = files.map((f) => fs.readFileSync(f, 'latin1'));
    const forms = [
      ch.password,
      encodeURIComponent(ch.password),
      Buffer.from(`default:${ch.password}`).toString('base64'),
    ];
    for (const [i, text] of texts.entries()) {
      for (const form of forms) assert.ok(!text.includes(form), `a form of the password is in ${files[i]}`);
    }
  });
});
