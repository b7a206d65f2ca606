import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_FILE_BYTES, type FileStat } from '../../../server/src/workspace/files';
import { DiskHost } from '../../../server/src/workspace/host';
import { removeDir } from '../../helpers/fixtures';

// DiskHost reads each file into a buffer it reuses for the next one: every text must still be the
// file's own, exactly as readFileSync decodes it, and binary or oversized files read as absent.
describe('DiskHost.readFile', () => {
  let dir: string;
  const files: Record<string, string | Buffer> = {
    'empty.ts': '',
    'small.ts': 'export const a = 1;\r\n',
    'unicode.ts': `const s = 'café ✓ 😀';\n`.repeat(4000), // > the reused buffer, multi-byte characters
    'after-big.ts': 'x',
    'bom.ts': '\ufeffexport {};\n',
    'invalid-utf8.ts': Buffer.from([0x61, 0xff, 0xfe, 0x62, 0xc3]),
    'nul-in-head.ts': Buffer.concat([Buffer.alloc(8191, 0x61), Buffer.from([0])]),
    'nul-after-head.ts': Buffer.concat([Buffer.alloc(8192, 0x61), Buffer.from([0, 0x62])]),
    'too-large.ts': Buffer.alloc(MAX_FILE_BYTES + 1, 0x61),
    'largest.ts': Buffer.alloc(MAX_FILE_BYTES, 0x62),
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-host-'));
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    fs.mkdirSync(path.join(dir, 'folder.ts'));
  });
  after(() => removeDir(dir));

  it('gives each file its own text, as readFileSync decodes it, whatever was read before', () => {
    const host = new DiskHost(dir, new Set(Object.keys(files)));
    for (const order of [Object.keys(files), Object.keys(files).reverse()]) {
      for (const name of order) {
        if (name.startsWith('nul-in') || name === 'too-large.ts') continue;
        assert.equal(host.readFile(name), fs.readFileSync(path.join(dir, name), 'utf8'), name);
      }
    }
  });

  it('reads binary, oversized, missing and folder paths as absent', () => {
    const host = new DiskHost(dir, new Set(Object.keys(files)));
    assert.equal(host.readFile('nul-in-head.ts'), undefined);
    assert.equal(host.binaryFiles, 1);
    // The NUL byte of the file before is not this shorter file's.
    assert.equal(host.readFile('small.ts'), files['small.ts']);
    assert.equal(host.readFile('too-large.ts'), undefined);
    assert.equal(host.readFile('missing.ts'), undefined);
    assert.equal(host.readFile('folder.ts'), undefined);
    assert.equal(host.binaryFiles, 1);
  });

  it("tells the index each source file's size and time", () => {
    const told: Record<string, FileStat> = {};
    const texts: Record<string, string> = {};
    const host = new DiskHost(dir, new Set(['small.ts', 'unicode.ts']), (rel, text, stat) => {
      told[rel] = stat;
      texts[rel] = text;
    });
    fs.copyFileSync(path.join(dir, 'small.ts'), path.join(dir, 'not-listed.ts'));
    // A time of its own (its change time stays now).
    fs.utimesSync(path.join(dir, 'small.ts'), new Date(2001, 1, 3), new Date(2001, 1, 3, 4, 5, 6, 789));
    for (const name of ['small.ts', 'unicode.ts', 'not-listed.ts']) host.readFile(name);
    assert.deepEqual(Object.keys(told).sort(), ['small.ts', 'unicode.ts']);
    for (const name of ['small.ts', 'unicode.ts']) {
      const stat = fs.statSync(path.join(dir, name));
      assert.deepEqual(told[name], { size: stat.size, mtimeMs: stat.mtimeMs });
      assert.equal(texts[name], fs.readFileSync(path.join(dir, name), 'utf8'));
    }
  });

  it('reads a file whose size the kernel reports as 0 to its end', () => {
    // /proc files report size 0 though they hold text (readFileSync reads them to the end too).
    const host = new DiskHost('/proc', new Set());
    const text = host.readFile('version');
    assert.ok(text && text.length > 0);
    assert.equal(text, fs.readFileSync('/proc/version', 'utf8'));
  });
});
