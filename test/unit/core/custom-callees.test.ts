import { strict as assert } from 'node:assert';
import { events, flags, scanSources } from '../../helpers/memory';

describe('plan-declared call shapes (sdks.tracking / sdks.flags)', () => {
  const files = {
    'tsconfig.json': `{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }`,
    'src/lib/analytics.ts': `export function trackEvent(name: string) {} export const tracker = { send(e: { name: string }) {} };`,
    'src/lib/other.ts': `export function trackEvent(name: string) {}`,
    'src/lib/flags.ts': `export const useUiFlag = (k: string) => true;`,
    'src/app.tsx': `
      import { trackEvent } from '@/lib/analytics';
      import { trackEvent as otherTrack } from './lib/other';
      import { tracker } from './lib/analytics';
      import { useUiFlag } from '@/lib/flags';
      export function App() {
        trackEvent('via_alias_import');
        otherTrack('from_another_module');
        tracker.send({ name: 'object_property_name' });
        this.tracker.send({ name: 'member_suffix' });
        return useUiFlag('ui-flag');
      }`,
  };

  it('matches free functions restricted to a module (resolved through tsconfig paths), member callees and object properties', () => {
    const a = scanSources(files, {
      tracking: [
        { callee: 'trackEvent', module: 'src/lib/analytics' },
        { callee: 'tracker.send', property: 'name' },
      ],
      flags: [{ callee: 'useUiFlag', autoExposure: false }],
    });
    assert.deepEqual(events(a), [
      ['via_alias_import', 'trackEvent', 'custom'],
      ['object_property_name', 'tracker.send', 'custom'],
      ['member_suffix', 'this.tracker.send', 'custom'],
    ]);
    assert.deepEqual(flags(a), [['ui-flag', 'useUiFlag', 'custom']]);
  });

  it('finds nothing for those callees without the plan', () => {
    const a = scanSources(files);
    assert.deepEqual(events(a), []);
    assert.deepEqual(flags(a), []);
  });
});
