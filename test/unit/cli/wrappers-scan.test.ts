import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';
import { FIXTURES } from '../../helpers/fixtures';

// One fixture workspace per wrapper pattern of the issue, each with its exact `scan --format json`.
const PATTERNS: Record<string, string> = {
  monorepo: 'a wrapper in another package of a monorepo (imported by package name)',
  prefix: 'wrappers adding a prefix or a suffix to the name',
  hook: 'hooks returning a tracker (called, destructured, or read off the result)',
  chain: 'a wrapper of a wrapper, through a barrel and a renamed re-export',
  'object-param': 'wrappers taking the name as a property of an object parameter',
  'flag-objects':
    'flag objects read by property, index, constant, membership, destructuring, and a flag hook',
  'look-alikes': 'look-alikes that are not SDK calls nor wrappers',
};

describe('activation-lens scan: wrapper patterns', () => {
  for (const [name, title] of Object.entries(PATTERNS)) {
    it(`${title}: prints the expected JSON exactly`, () => {
      const dir = path.join(FIXTURES, 'wrappers', name);
      const result = runCli(['scan', dir, '--format', 'json']);
      assert.equal(result.stderr, '');
      assert.equal(result.status, 0);
      const expected = JSON.parse(
        fs.readFileSync(path.join(FIXTURES, 'wrappers', `${name}.expected.json`), 'utf8'),
      );
      assert.deepEqual(JSON.parse(result.stdout), expected);
    });
  }

  it('lists the wrappers and their internals in text format', () => {
    const result = runCli(['scan', path.join(FIXTURES, 'wrappers', 'chain')]);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^ {2}5:3 +inside trackReport {2}trackEvent\(`report_\$\{action\}`\)$/m);
    assert.match(
      result.stdout,
      /^ {2}src\/features\/reports\/track\.ts:4 {2}trackReport\("report_" \+ arg 0\) {2}tracking via trackEvent → mixpanel\.track \(mixpanel\) · 1 call$/m,
    );
  });
});
