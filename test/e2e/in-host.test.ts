// Runs the extension-host suites (test/e2e/host/suites) inside a real VS Code (code-server), each on
// its fixture workspace, against the extension installed from the built .vsix.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_WORKSPACE, generateDemoEvents, runInCodeServer } from './harness';
import { HOST_SUITES } from './suites';

describe('inside the extension host of a real VS Code', () => {
  it('has a workspace for every suite of test/e2e/host/suites', () => {
    const files = fs
      .readdirSync(path.join(__dirname, 'host', 'suites'))
      .filter((f) => f.endsWith('.test.ts'));
    assert.deepEqual(HOST_SUITES.map((s) => `${s.suite}.test.ts`).sort(), files.sort());
  });

  before(() => {
    if (HOST_SUITES.some((s) => s.workspace === DEMO_WORKSPACE)) generateDemoEvents();
  });

  for (const { suite, workspace, workspaceTrust } of HOST_SUITES) {
    const where = workspace === DEMO_WORKSPACE ? 'the demo workspace' : `test/fixtures/e2e/${workspace}`;
    it(`passes suite "${suite}" on ${where}${workspaceTrust ? ' (untrusted)' : ''}`, async () => {
      assert.equal(
        await runInCodeServer({ suite, workspace, ...(workspaceTrust ? { workspaceTrust } : {}) }),
        0,
        `suite ${suite} failed: see its output above`,
      );
    });
  }
});
