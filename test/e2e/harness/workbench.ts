// A VS Code workbench as a person sees it: code-server with the built .vsix installed, opened on a
// copy of a fixture workspace in headless Chromium. Helpers for UI tests; they wait on what is shown.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, openWorkbench } from './browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { waitFor } from '../wait';
import { RESULTS_DIR, workspaceDir } from './paths';
import { elapsed, formatTimings } from './timings';

export interface WorkbenchSession {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  /** The copy of the fixture workspace that is open. */
  readonly workspace: string;
  close(): Promise<void>;
}

/** Starts code-server and opens its workbench on a fresh copy of test/fixtures/e2e/<workspace>. */
export async function openWorkbenchSession(
  workspaceFixture: string,
  options: CodeServerOptions = {},
): Promise<WorkbenchSession> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'al-ws-ui-'));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    if (server)
      process.stderr.write(`${formatTimings(`workbench on ${workspaceFixture}`, server.timings)}\n`);
  };
  try {
    fs.cpSync(workspaceDir(workspaceFixture), workspace, { recursive: true });
    server = await startCodeServer(options);
    browser = await launchChromium();
    const started = Date.now();
    const page = await openWorkbench(browser, server, { folder: workspace });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    server.timings['workbench load'] = elapsed(started);
    return { server, browser, page, workspace, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The status bar item whose text contains `text` (waits until it is visible). */
export async function statusBarItem(page: Page, text: string | RegExp, timeout = 60_000): Promise<Locator> {
  const item = page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
  await item.waitFor({ state: 'visible', timeout });
  return item;
}

/** Opens a workspace file with Quick Open, as a person would, and returns its editor. */
export async function openFile(page: Page, relativePath: string): Promise<Locator> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relativePath) });
  await pick.first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  const tab = page.locator('.tabs-container .tab.active', { hasText: path.basename(relativePath) });
  await tab.waitFor({ state: 'visible' });
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-line').first().waitFor({ state: 'visible' });
  return editor;
}

/** Runs a command from the Command Palette by its title, as a person would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // The palette closes when focus moves (a view just revealed takes it): open it again then.
  await waitFor(`the Command Palette to take "${title}"`, async () => {
    if (!(await input.isVisible())) {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
    }
    await input.fill(`>${title}`, { timeout: 2000 });
    return true;
  });
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Saves a screenshot of the page as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * For a suite's hooks: screenshots the page when a test failed (what the screen showed, for the
 * report), and closes the session after the suite.
 */
export function screenshotFailuresAndClose(session: () => WorkbenchSession | undefined): void {
  afterEach(async function () {
    const test = this.currentTest;
    const open = session();
    if (test?.state === 'failed' && open)
      await screenshot(open.page, `failed-${test.title.replace(/\W+/g, '-').slice(0, 60)}`);
  });
  after(async () => {
    await session()?.close();
  });
}
