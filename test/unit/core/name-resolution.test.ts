import { strict as assert } from 'node:assert';
import { scanOne, scanSources } from '../../helpers/memory';

const track = (a: ReturnType<typeof scanOne>) =>
  a.trackingCalls.map((c) => [c.event, c.resolvedFrom ?? c.expression]);

describe('event name resolution', () => {
  it('resolves literals, hole-free templates, consts, enums and object constants in the same file', () => {
    const a = scanOne(`
      import posthog from 'posthog-js';
      const NAME = 'const_event';
      const ALIAS = NAME;
      enum Ev { Opened = 'enum_opened', Same = Opened }
      const EVENTS = { NESTED: { DONE: 'object_done' } } as const;
      const FROZEN = Object.freeze({ A: 'frozen_a' });
      posthog.capture('literal_event');
      posthog.capture(\`template_event\`);
      posthog.capture(NAME);
      posthog.capture(ALIAS);
      posthog.capture(Ev.Opened);
      posthog.capture(Ev.Same);
      posthog.capture(EVENTS.NESTED.DONE);
      posthog.capture(EVENTS['NESTED']['DONE']);
      posthog.capture(FROZEN.A);
      posthog.capture(\`\${NAME}_suffix\`);
      posthog.capture('prefix_' + NAME);`);
    assert.deepEqual(track(a), [
      ['literal_event', 'literal'],
      ['template_event', 'template'],
      ['const_event', 'const'],
      ['const_event', 'const'],
      ['enum_opened', 'enum'],
      ['enum_opened', 'enum'],
      ['object_done', 'object'],
      ['object_done', 'object'],
      ['frozen_a', 'object'],
      ['const_event_suffix', 'const'],
      ['prefix_const_event', 'const'],
    ]);
  });

  it('never guesses: let bindings, parameters, conditionals, numeric enums and missing properties are unresolved', () => {
    const a = scanOne(`
      import posthog from 'posthog-js';
      let mutable = 'maybe';
      enum Num { A }
      const EVENTS = { A: 'a' };
      export function f(name: string, cond: boolean) {
        posthog.capture(mutable);
        posthog.capture(name);
        posthog.capture(cond ? 'x' : 'y');
        posthog.capture(Num.A);
        posthog.capture(EVENTS.MISSING);
        posthog.capture(\`\${name}_viewed\`);
      }`);
    assert.deepEqual(track(a), [
      [null, 'mutable'],
      [null, "cond ? 'x' : 'y'"],
      [null, 'Num.A'],
      [null, 'EVENTS.MISSING'],
    ]);
    // Names made of a parameter are known at each call of the function: it is a wrapper, and these
    // calls are its internals rather than unresolved names.
    assert.deepEqual(
      a.wrapperInternals.map((i) => [i.expression, i.wrapper.name]),
      [
        ['name', 'f'],
        ['`${name}_viewed`', 'f'],
      ],
    );
  });

  it('resolves constants, enums and objects imported from other files, through re-exports and namespaces', () => {
    const a = scanSources({
      'src/events/names.ts': `
        export const CHECKOUT = 'Checkout Started';
        export enum ReportEvent { Created = 'report_created' }
        export const EVENTS = { EXPORT: { CLICKED: 'export_clicked' } } as const;
        const hidden = 'renamed_event';
        export { hidden as RENAMED };
        export default { DEFAULT_EVENT: 'default_event' };`,
      'src/events/index.ts': `export * from './names'; export { default as defaults } from './names';`,
      'src/events/deep.ts': `export * as all from './index';`,
      'src/app.tsx': `
        import posthog from 'posthog-js';
        import { CHECKOUT, ReportEvent, RENAMED, defaults } from './events';
        import { EVENTS } from './events/names.js';
        import * as names from './events/names';
        import names2 from './events/names';
        import { all } from './events/deep';
        posthog.capture(CHECKOUT);
        posthog.capture(ReportEvent.Created);
        posthog.capture(EVENTS.EXPORT.CLICKED);
        posthog.capture(RENAMED);
        posthog.capture(names.CHECKOUT);
        posthog.capture(names2.DEFAULT_EVENT);
        posthog.capture(defaults.DEFAULT_EVENT);
        posthog.capture(all.EVENTS.EXPORT.CLICKED);
        posthog.capture(\`\${CHECKOUT} Again\`);`,
    });
    assert.deepEqual(track(a), [
      ['Checkout Started', 'import'],
      ['report_created', 'import'],
      ['export_clicked', 'import'],
      ['renamed_event', 'import'],
      ['Checkout Started', 'import'],
      ['default_event', 'import'],
      ['default_event', 'import'],
      ['export_clicked', 'import'],
      ['Checkout Started Again', 'import'],
    ]);
    // Only the app passes the pre-filter; the constants files were parsed on demand.
    assert.deepEqual(a.stats, { candidates: 1, onDemand: 3, wrapperCandidates: 0 });
  });

  it('resolves tsconfig paths and baseUrl imports (with extends), and flag keys from constants', () => {
    const a = scanSources({
      'tsconfig.base.json': `{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"] } } }`,
      'tsconfig.json': `{ // comments are allowed
        "extends": "./tsconfig.base.json", }`,
      'src/constants/flags.ts': `export const FLAGS = { CHECKOUT: 'checkout-v2' } as const;`,
      'src/constants/events.ts': `export const OPENED = 'checkout_opened';`,
      'src/app.tsx': `
        import posthog from 'posthog-js';
        import { FLAGS } from '@app/constants/flags';
        import { OPENED } from 'src/constants/events';
        if (posthog.isFeatureEnabled(FLAGS.CHECKOUT)) posthog.capture(OPENED);`,
    });
    assert.deepEqual(
      a.entryPoints.map((e) => [e.feature, e.resolvedFrom]),
      [['checkout-v2', 'import']],
    );
    assert.deepEqual(track(a), [['checkout_opened', 'import']]);
  });

  it('survives import cycles and missing modules', () => {
    const a = scanSources({
      'src/a.ts': `export * from './b'; export { X } from './b';`,
      'src/b.ts': `export * from './a'; export { X } from './a';`,
      'src/app.ts': `
        import posthog from 'posthog-js';
        import { X } from './a';
        import { Y } from './missing';
        posthog.capture(X);
        posthog.capture(Y);`,
    });
    assert.deepEqual(track(a), [
      [null, 'X'],
      [null, 'Y'],
    ]);
  });
});
