import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyDemo, removeDir } from '../helpers/fixtures';

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
      timeout: 90_000,
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
    root = copyDemo();
  });
  after(() => removeDir(root));

  it('shows diagnostics, hover and lenses, applies a quick-fix and sees the diagnostic clear', () => {
    const file = path.join(root, 'src', 'search', 'SearchSuggestions.tsx');
    const { results, error } = runNeovim({
      AL_ROOT: root,
      AL_FILE: file,
      AL_HOVER_LINE: '10',
      AL_HOVER_COL: '50',
    });
    assert.equal(error, undefined, JSON.stringify(results));
    assert.deepEqual(results.diagnostics, ['unknown-flag']);
    assert.match(
      String(results.hover),
      /\*\*Event `ai_search_suggestion_clicked`\*\* · posthog `posthog\.capture`/,
    );
    assert.deepEqual(results.lenses, ['ai-serach · discovery ✓ · activation ✓ · value ✗']);
    assert.deepEqual(results.actions, ["Replace with 'ai-search'"]);
    assert.equal(results.line, "  const enabled = useFeatureFlagEnabled('ai-search');");
    assert.deepEqual(results.after, []);
    // Neovim edited its buffer; the file on disk is unchanged until saved.
    assert.match(fs.readFileSync(file, 'utf8'), /'ai-serach'/);
  });
});
