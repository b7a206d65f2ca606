import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, removeDir } from '../helpers/fixtures';

const REPO = path.resolve(__dirname, '..', '..');

/** Runs client.lua in headless Neovim against the built server; returns what it recorded. */
function runNeovim(env: Record<string, string>): { results: Record<string, unknown>; error?: string } {
  const out = path.join(env.AL_ROOT!, '.nvim-result.json');
  const run = spawnSync(
    'nvim',
    [
      '--headless',
      '-u',
      'NONE',
      '-i',
      'NONE',
      '-c',
      `luafile ${path.join(__dirname, 'neovim', 'client.lua')}`,
    ],
    {
      env: {
        ...process.env,
        ...env,
        AL_SERVER: path.join(REPO, 'dist', 'server.js'),
        AL_OUT: out,
        XDG_STATE_HOME: env.AL_ROOT,
        XDG_DATA_HOME: env.AL_ROOT,
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (!fs.existsSync(out))
    throw new Error(`neovim wrote no result (status ${run.status}): ${run.stderr}${run.stdout}`);
  const parsed = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(run.status, parsed.error ? 1 : 0);
  return parsed;
}

describe('language server in Neovim (headless, real LSP client)', () => {
  let root: string;
  before(() => {
    root = copyFixture('scan/shop');
  });
  after(() => removeDir(root));

  it('attaches to a file, answers hover and code lens requests', () => {
    const result = runNeovim({
      AL_ROOT: root,
      AL_FILE: path.join(root, 'src', 'reports', 'Reports.tsx'),
      AL_HOVER_LINE: '12',
      AL_HOVER_COL: '5',
    });
    assert.equal(result.error, undefined);
    assert.match(String(result.results.hover), /\*\*Event `report_created`\*\* — posthog `posthog\.capture`/);
    assert.deepEqual(result.results.lenses, ['reports-sharing · annotation', 'bulk-export · openfeature']);
  });
});
