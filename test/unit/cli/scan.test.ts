import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';
import { copyFixture, FIXTURES, removeDir } from '../../helpers/fixtures';

describe('activation-lens scan', () => {
  let dir: string;

  before(() => {
    dir = copyFixture('scan/shop');
    // Generated here rather than committed: a file over the 1 MB limit and a binary file.
    const big = `import posthog from 'posthog-js';\nposthog.capture('too big');\n${'// padding\n'.repeat(110_000)}`;
    fs.writeFileSync(path.join(dir, 'src', 'huge.ts'), big);
    fs.writeFileSync(path.join(dir, 'src', 'blob.ts'), Buffer.from([0x70, 0x6f, 0x00, 0x01, 0x02, 0x28]));
    // Files the walk must not read (they would be ignored by git in the repository itself).
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write('node_modules/posthog-js/index.js', `module.exports = { capture() {} };`);
    write('dist/bundle.js', `posthog.capture('bundled');`);
    write('generated/client.ts', `import posthog from 'posthog-js'; posthog.capture('generated');`);
    write(
      'src/ignored.local.ts',
      `import posthog from 'posthog-js'; posthog.capture('ignored by gitignore');`,
    );
  });

  after(() => removeDir(dir));

  it('prints the expected JSON for the fixture workspace, exactly', () => {
    const result = runCli(['scan', dir, '--format', 'json']);
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'scan', 'shop.expected.json'), 'utf8'));
    assert.deepEqual(JSON.parse(result.stdout), expected);
  });

  it('prints findings grouped by file with a summary in text format', () => {
    const result = runCli(['scan', dir]);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^src\/checkout\/Checkout\.tsx\n {2}6:11 +flag +checkout-v2 /m);
    // The component passes its `section` prop into the name: a wrapper, and this call its internal.
    assert.match(result.stdout, /^ {2}14:3 +inside Reports {2}trackEvent\(`\$\{section\}_viewed`\)$/m);
    assert.match(
      result.stdout,
      /^wrappers\n {2}src\/lib\/analytics\.ts:6 {2}trackEvent\(arg 0\) {2}tracking via analytics\.track \(segment\) · 0 calls$/m,
    );
    assert.match(
      result.stdout,
      /6 files · 4 entry points \(4 features\) · 5 tracking calls · 2 wrappers · 1 parse errors · skipped 4 ignored, 1 too large, 1 binary\n$/,
    );
  });

  it('defaults to the current folder', () => {
    const result = runCli(['scan', '--format', 'json'], { cwd: dir });
    assert.equal(result.status, 0);
    assert.equal(JSON.parse(result.stdout).files, 6);
  });

  it('exits 2 with a one-line message for an unreadable folder, a bad format or an unknown option', () => {
    for (const args of [
      ['scan', path.join(dir, 'nope')],
      ['scan', dir, '--format', 'xml'],
      ['scan', '--bogus'],
    ]) {
      const result = runCli(args);
      assert.equal(result.status, 2, args.join(' '));
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, /^activation-lens: /);
    }
  });

  it('prints help and the version', () => {
    const help = runCli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /scan \[options\] \[dir\]/);
    const version = runCli(['--version']);
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
