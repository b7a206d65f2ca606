// Runs a mocha suite of test/e2e/host/suites INSIDE the extension host of a real VS Code: code-server
// with the built .vsix installed, its workbench opened in headless Chromium with the `payload` URL
// parameter that VS Code's own integration tests use (extensionDevelopmentPath + extensionTestsPath).
// The workbench calls `window.codeAutomationExit(code)` when the suite ends.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { OUTPUT_MARK } from '../host/output';
import { launchChromium, openWorkbench, remoteUri } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { EXTENSION_ID, HOST_TESTS_ENTRY, requireFile, RESULTS_DIR, workspaceDir } from './paths';
import { elapsed, formatTimings } from './timings';

export interface HostRunOptions {
  /** A folder of test/fixtures/e2e; the suite runs on a fresh copy of it. */
  workspace: string;
  /** A file name of test/e2e/host/suites without `.test.ts`. */
  suite: string;
  timeoutMs?: number;
  /** Where the suite's output goes (default: this process's stdout). */
  print?: (line: string) => void;
  /** Open the folder with Workspace Trust on, i.e. untrusted (Restricted Mode). */
  workspaceTrust?: boolean;
}

/** Runs the suite and returns its exit code (0: all passed). */
export async function runInCodeServer(options: HostRunOptions): Promise<number> {
  const { suite, timeoutMs = 180_000, print = (line: string) => process.stdout.write(`${line}\n`) } = options;
  requireFile(HOST_TESTS_ENTRY, 'npm run build');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), `al-ws-${suite}-`));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    fs.cpSync(workspaceDir(options.workspace), workspace, { recursive: true });
    server = await startCodeServer({
      env: { ACTIVATION_LENS_E2E_SUITES: suite, ACTIVATION_LENS_E2E_RELAY: '1' },
      ...(options.workspaceTrust ? { workspaceTrust: true } : {}),
    });
    browser = await launchChromium();
    return await runSuite(server, browser, workspace, suite, timeoutMs, print);
  } finally {
    await browser?.close();
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    if (server) process.stderr.write(`${formatTimings(`host suite ${suite}`, server.timings)}\n`);
  }
}

async function runSuite(
  server: CodeServer,
  browser: Browser,
  workspace: string,
  suite: string,
  timeoutMs: number,
  print: (line: string) => void,
): Promise<number> {
  const started = Date.now();
  const pageLog: string[] = [];
  let reportExit: (code: number) => void = () => {};
  const exit = new Promise<number>((resolve) => (reportExit = resolve));
  const page = await openWorkbench(browser, server, {
    folder: workspace,
    payload: [
      ['extensionDevelopmentPath', remoteUri(server, server.extensionPath(EXTENSION_ID))],
      ['extensionTestsPath', remoteUri(server, HOST_TESTS_ENTRY)],
    ],
    prepare: async (page) => {
      await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
      page.on('console', (message) => {
        const text = message.text();
        const mark = text.indexOf(OUTPUT_MARK);
        if (mark >= 0) print(text.slice(mark + OUTPUT_MARK.length));
        else pageLog.push(`${message.type()}: ${text}`);
      });
      page.on('pageerror', (error) => pageLog.push(`page error: ${error.message}`));
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`suite ${suite} did not finish within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  try {
    const code = await Promise.race([exit, timeout]);
    server.timings[`suite ${suite}`] = elapsed(started);
    if (code !== 0) print(`workbench console (last 40 lines):\n${pageLog.slice(-40).join('\n')}`);
    return code;
  } catch (error) {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, `host-${suite}-timeout.png`) });
    throw new Error(
      [
        (error as Error).message,
        `workbench console (last 40 lines):\n${pageLog.slice(-40).join('\n')}`,
        `code-server log (last 40 lines):\n${server.log.slice(-40).join('\n')}`,
      ].join('\n'),
    );
  } finally {
    clearTimeout(timer);
  }
}
