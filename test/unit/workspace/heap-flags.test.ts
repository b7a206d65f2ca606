import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { SERVER_PROCESS } from '../../../server/src/protocol';
import { youngGenerationSized } from '../../../server/src/workspace/heap-flags';

// The language server keeps V8's young generation at its initial size (the peak memory target), but
// starting a scan worker thread resets V8's flags to the command line's. Each case runs in a process
// of its own, since V8's flags are process-wide.
function youngGeneration(...args: string[]): { before: number; after: number } {
  return youngGenerationIn([], {}, ...args);
}

function youngGenerationIn(
  execArgv: readonly string[],
  env: Record<string, string>,
  ...args: string[]
): { before: number; after: number } {
  const out = execFileSync(
    process.execPath,
    [...execArgv, '--import', 'tsx', path.join(__dirname, 'heap-flags-child.ts'), ...args],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  );
  return JSON.parse(out) as { before: number; after: number };
}

describe('heap flags', function () {
  this.timeout(120_000);

  it('stop the young generation growing, also once a scan worker started', () => {
    const { before, after } = youngGeneration();
    assert.ok(after <= before, `the young generation grew from ${before} to ${after} MB`);
  });

  it('as the VS Code client starts the server, the young generation stays within 2 x 4 MB', () => {
    const { execArgv, env } = SERVER_PROCESS;
    assert.ok(youngGenerationSized(execArgv), 'main.ts would not see the size given');
    const { after } = youngGenerationIn(execArgv, env, 'unset');
    assert.ok(after <= 8, `the young generation grew to ${after} MB`);
  });

  it('(control) without them the same garbage grows the young generation', () => {
    const { before, after } = youngGeneration('unset');
    assert.ok(after > before, 'the control did not grow: the test above proves nothing');
  });
});
