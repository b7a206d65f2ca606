// The `extensionTestsPath` entry that VS Code's extension host loads (docs/testing.md). It runs, with
// the real `vscode` API, the mocha suites of ./suites named in ACTIVATION_LENS_E2E_SUITES
// (comma-separated; all when unset). The workbench turns the outcome of `run()` into the exit code
// it reports (`window.codeAutomationExit` in the browser, the process exit code in test-electron).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { OUTPUT_MARK } from './output';

export async function run(): Promise<void> {
  const { default: Mocha } = await import('mocha');
  // Stack traces of failures point at the test sources (the bundles carry inline source maps).
  process.setSourceMapsEnabled(true);
  if (process.env.ACTIVATION_LENS_E2E_RELAY) {
    // Reporters print through Base.consoleLog; mark each line for the harness (see ./output.ts).
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(OUTPUT_MARK + format(...args));
  }
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000, reporter: 'spec' });
  const dir = path.join(__dirname, 'suites');
  const available = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => f.slice(0, -'.test.js'.length));
  const wanted = process.env.ACTIVATION_LENS_E2E_SUITES?.split(',').filter(Boolean) ?? available;
  const unknown = wanted.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    throw new Error(`No extension-host suite named ${unknown.join(', ')} (have: ${available.join(', ')})`);
  }
  for (const name of wanted) mocha.addFile(path.join(dir, `${name}.test.js`));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
