import { strict as assert } from 'node:assert';
import { events, flags, scanOne, scanSources } from '../../helpers/memory';

describe('extraction traps', () => {
  it('finds calls inside JSX attributes, ternaries, optional chains and nested callbacks', () => {
    const a = scanOne(`
      import posthog from 'posthog-js';
      import { useFeatureIsOn } from '@growthbook/growthbook-react';
      export function C({ open }) {
        const on = useFeatureIsOn('inline-edit');
        return (
          <button
            onClick={() => (on ? posthog?.capture('edit_clicked') : posthog.capture('edit_blocked'))}
            title={open && posthog.isFeatureEnabled('tooltips') ? 'a' : 'b'}>
            {[1, 2].map(() => posthog.capture('item_rendered'))}
          </button>
        );
      }`);
    assert.deepEqual(
      events(a).map((e) => e[0]),
      ['edit_clicked', 'edit_blocked', 'item_rendered'],
    );
    assert.deepEqual(
      flags(a).map((f) => f[0]),
      ['inline-edit', 'tooltips'],
    );
  });

  it('a local function named like an SDK call is not that SDK, even when shadowing a global name', () => {
    const a = scanOne(`
      export function C() {
        function gtag(...args: unknown[]) {}
        const plausible = (name: string) => name;
        gtag('event', 'shadowed');
        plausible('shadowed too');
      }
      gtag('event', 'global_gtag');`);
    assert.deepEqual(events(a), [['global_gtag', 'gtag', 'google-analytics']]);
  });

  it('reports a parse error for a broken file instead of throwing, and keeps analysing the others', () => {
    const a = scanSources({
      'src/broken.tsx': `import posthog from 'posthog-js';\nposthog.capture('lost'\nexport const = ;`,
      'src/ok.ts': `import posthog from 'posthog-js'; posthog.capture('kept');`,
    });
    assert.equal(a.parseErrors.length, 1);
    assert.equal(a.parseErrors[0]!.file, 'src/broken.tsx');
    assert.equal(a.parseErrors[0]!.line, 3);
    assert.ok(a.parseErrors[0]!.message.length > 0);
    assert.deepEqual(events(a), [['kept', 'posthog.capture', 'posthog']]);
  });

  it('parses JSX in .js files and type assertions in .ts files by extension', () => {
    const a = scanSources({
      'src/view.js': `import posthog from 'posthog-js'; export const V = () => <a onClick={() => posthog.capture('js_jsx')} />;`,
      'src/cast.ts': `import posthog from 'posthog-js'; posthog.capture(<string>'ts_cast');`,
      'src/mod.mjs': `import posthog from 'posthog-js'; posthog.capture('mjs');`,
      'src/req.cjs': `const posthog = require('posthog-js'); posthog.capture('cjs');`,
      'src/m.mts': `import posthog from 'posthog-js'; posthog.capture('mts');`,
    });
    assert.deepEqual(a.parseErrors, []);
    assert.deepEqual(
      events(a)
        .map((e) => e[0])
        .sort(),
      ['cjs', 'js_jsx', 'mjs', 'mts', 'ts_cast'],
    );
  });

  it('reports 1-based lines and columns of the call', () => {
    const a = scanOne(`import posthog from 'posthog-js';\n\n  posthog.capture('x');`);
    const call = a.trackingCalls[0]!;
    assert.deepEqual(call.span.start, { line: 3, column: 3 });
    assert.deepEqual(call.nameSpan.start, { line: 3, column: 19 });
  });
});
