// The bundles the language server, its workers and the CLI load are ASCII: Node decodes a file with a
// single other character (esbuild copies comments as they are) into a two-byte string, twice the
// memory for as long as the code is loaded (esbuild.mjs escapes them).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../helpers/cli';

const BUNDLES = ['server.js', 'parser.js', 'scan-worker.js', 'kpi-worker.js', 'cli.js', 'client.js'];

describe('the Node bundles', () => {
  it('are ASCII, so that Node holds their source as one-byte strings', () => {
    for (const name of BUNDLES) {
      const bytes = fs.readFileSync(path.join(REPO, 'dist', name));
      const at = bytes.findIndex((b) => b > 0x7f);
      const around = at < 0 ? '' : bytes.subarray(Math.max(0, at - 60), at + 20).toString('utf8');
      assert.equal(at, -1, `dist/${name} has a non-ASCII character at byte ${at}: …${around}…`);
    }
  });
});
