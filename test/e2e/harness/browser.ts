// Debian's Chromium, headless, driven by playwright-core (no browser download: none is possible here).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from './paths';
import type { CodeServer } from './codeServer';

// Without the networking flags Chromium keeps trying to reach Google's hosts, which this closed
// network refuses. Playwright gives each launch an empty profile (it refuses --user-data-dir).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  // Chromium keeps its crash-report database under XDG_CONFIG_HOME, outside the profile: a temp one
  // keeps HOME clean.
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'al-chromium-'));
  const removeConfig = (): void => fs.rmSync(config, { recursive: true, force: true });
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      env: { ...process.env, XDG_CONFIG_HOME: config },
    });
    browser.on('disconnected', removeConfig);
    return browser;
  } catch (error) {
    removeConfig();
    throw error;
  }
}

export interface WorkbenchOptions {
  /** Absolute path of the folder to open. */
  folder: string;
  /** Workbench `payload` entries, e.g. extensionDevelopmentPath / extensionTestsPath. */
  payload?: [string, string][];
  /** Called before the page loads, e.g. to expose functions to it. */
  prepare?: (page: Page) => Promise<void>;
}

/** Opens VS Code's workbench for `folder` in a new page. */
export async function openWorkbench(
  browser: Browser,
  server: CodeServer,
  options: WorkbenchOptions,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await options.prepare?.(page);
  const query = new URLSearchParams({ folder: options.folder });
  if (options.payload) query.set('payload', JSON.stringify(options.payload));
  await page.goto(`${server.url}/?${query.toString()}`);
  return page;
}

/** A `vscode-remote://` URI for a path on the code-server machine, as the payload wants it. */
export function remoteUri(server: CodeServer, fsPath: string): string {
  return `vscode-remote://${server.authority}${fsPath}`;
}
