import { strict as assert } from 'node:assert';
import { events, flags, scanSources } from '../../helpers/memory';
import { parsePlan } from '../../../server/src/core/plan/parse';
import type { Analysis } from '../../../server/src/core/scan';

const wrappers = (a: Analysis) =>
  a.wrappers.map((w) => [w.name, w.kind, w.argument ?? null, w.prefix ?? w.template ?? '', w.sdk]);

describe('wrapper discovery', () => {
  it('finds a flag component used in JSX, and keeps the exposure of the check it wraps', () => {
    const a = scanSources({
      'src/flags.tsx': `
        import posthog from 'posthog-js';
        import { useFeatureIsOn } from '@growthbook/growthbook-react';
        export function FeatureGate({ flag, children }: { flag: string; children: any }) {
          return useFeatureIsOn(flag) ? children : null;
        }
        export const isOn = (key: string) => posthog.isFeatureEnabled(key) === true;`,
      'src/page.tsx': `
        import { FeatureGate, isOn } from './flags';
        export const Page = () => (
          <FeatureGate flag="new-nav">{isOn('ai-search') ? 'a' : 'b'}</FeatureGate>
        );`,
    });
    assert.deepEqual(flags(a), [
      ['new-nav', '<FeatureGate>', 'custom'],
      ['ai-search', 'isOn', 'custom'],
    ]);
    assert.deepEqual(
      a.entryPoints.map((e) => e.autoExposure),
      [false, true],
    );
    assert.deepEqual(wrappers(a), [
      ['FeatureGate', 'flag', 0, '', 'growthbook'],
      ['isOn', 'flag', 0, '', 'posthog'],
    ]);
    assert.equal(a.wrappers[0]!.property, 'flag');
    assert.deepEqual(a.entryPoints[0]!.wrapper, { name: 'FeatureGate', file: 'src/flags.tsx', line: 4 });
  });

  it('follows static methods, class fields and constructor assignments, and `this` calls inside the class', () => {
    const a = scanSources({
      'src/analytics.ts': `
        import mixpanel from 'mixpanel-browser';
        import { PostHog } from 'posthog-node';
        export class Analytics {
          static track(event: string) { mixpanel.track(event); }
        }
        export class ServerAnalytics {
          private client = new PostHog('key');
          capture(event: string, distinctId: string) { this.client.capture({ distinctId, event }); }
          signup(id: string) { this.capture('server_signup', id); }
        }`,
      'src/app.ts': `
        import { Analytics, ServerAnalytics } from './analytics';
        const server = new ServerAnalytics();
        Analytics.track('static_event');
        server.capture('instance_event', 'u1');`,
    });
    assert.deepEqual(events(a), [
      ['server_signup', 'this.capture', 'custom'],
      ['static_event', 'Analytics.track', 'custom'],
      ['instance_event', 'server.capture', 'custom'],
    ]);
    assert.deepEqual(
      a.wrappers.map((w) => w.name),
      ['Analytics.track', 'ServerAnalytics.capture'],
    );
  });

  it('reports one wrapper with each of its SDK calls as internals, never as unresolved calls', () => {
    const a = scanSources({
      'src/track.ts': `
        import posthog from 'posthog-js';
        export function trackEvent(name: string, props?: object) {
          const event = name;
          analytics.track(event, props);
          posthog.capture(name, props);
        }
        trackEvent('both_sdks');`,
    });
    assert.deepEqual(events(a), [['both_sdks', 'trackEvent', 'custom']]);
    assert.deepEqual(
      a.wrapperInternals.map((i) => [i.callee, i.expression, i.sdk, i.wrapper.name]),
      [
        ['analytics.track', 'event', 'segment', 'trackEvent'],
        ['posthog.capture', 'name', 'posthog', 'trackEvent'],
      ],
    );
    assert.equal(a.wrappers.length, 1);
    assert.equal(a.wrappers[0]!.calls, 1);
  });

  it('joins names built from several parameters, and reports what it cannot resolve at the call', () => {
    const a = scanSources({
      'src/track.ts': `
        import posthog from 'posthog-js';
        export const trackPair = (object: string, action: string) => posthog.capture([object, action].join('_'));
        export const trackScoped = (name: string) => posthog.capture('app:' + name + ':v2');`,
      'src/app.ts': `
        import { trackPair, trackScoped } from './track';
        let dynamic = 'x';
        trackPair('report', 'created');
        trackScoped('opened');
        trackScoped(dynamic);`,
    });
    assert.deepEqual(
      a.trackingCalls.map((c) => [c.event, c.expression ?? c.resolvedFrom]),
      [
        ['report_created', 'template'],
        ['app:opened:v2', 'template'],
        [null, 'dynamic'],
      ],
    );
    assert.deepEqual(wrappers(a), [
      ['trackPair', 'tracking', 0, '${0}_${1}', 'posthog'],
      ['trackScoped', 'tracking', 0, 'app:', 'posthog'],
    ]);
    assert.equal(a.wrappers[1]!.suffix, ':v2');
  });

  it('keeps an outer parameter of a factory unknown instead of guessing it', () => {
    const a = scanSources({
      'src/app.ts': `
        import posthog from 'posthog-js';
        function makeTracker(scope: string) {
          return (name: string) => posthog.capture(scope + name);
        }
        const track = makeTracker('billing_');
        track('opened');`,
    });
    assert.deepEqual(
      a.trackingCalls.map((c) => [c.event, c.expression, c.callee]),
      [[null, "'opened'", 'track']],
    );
    assert.deepEqual(wrappers(a), [['makeTracker()', 'tracking', 0, '${?}${0}', 'posthog']]);
  });

  it('finds hooks returning trackers through useMemo and useCallback, and wrappers of wrappers in cycles', () => {
    const a = scanSources({
      'src/hooks.ts': `
        import { useMemo, useCallback } from 'react';
        import { usePostHog } from 'posthog-js/react';
        export const useTracker = () => {
          const ph = usePostHog();
          return useMemo(() => ({ send: (event: string) => ph.capture(event) }), [ph]);
        };
        export function ping(n: string): void { pong(n); }
        export function pong(n: string): void { if (n) ping(n); useCallback(() => usePostHog().capture(n), []); }`,
      'src/app.ts': `
        import { useTracker, ping } from './hooks';
        export function App() {
          useTracker().send('memo_event');
          ping('cycle_event');
        }`,
    });
    assert.deepEqual(events(a), [
      ['memo_event', 'useTracker().send', 'custom'],
      ['cycle_event', 'ping', 'custom'],
    ]);
  });

  it('keeps the plan-declared callee at its call sites and says which discovered wrapper it is', () => {
    const files = {
      'src/lib/analytics.ts': `
        import { AnalyticsBrowser } from '@segment/analytics-next';
        const analytics = AnalyticsBrowser.load({ writeKey: 'k' });
        export function trackEvent(name: string) { analytics.track('web:' + name); }`,
      'src/app.ts': `import { trackEvent } from './lib/analytics'; trackEvent('declared');`,
    };
    const declared = scanSources(files, { tracking: [{ callee: 'trackEvent' }], flags: [] });
    assert.deepEqual(events(declared), [['declared', 'trackEvent', 'custom']]);
    assert.deepEqual(declared.trackingCalls[0]!.wrapper, {
      name: 'trackEvent',
      file: 'src/lib/analytics.ts',
      line: 4,
    });
    // Zero-config, the discovered wrapper adds its prefix.
    assert.deepEqual(events(scanSources(files)), [['web:declared', 'trackEvent', 'custom']]);
  });

  it('is not fooled by names: look-alikes are not wrappers unless they reach an SDK', () => {
    const a = scanSources({
      'src/lib.ts': `
        import { track } from 'some-animation-lib';
        import { datadogRum } from '@datadog/browser-rum';
        const local = { track: (n: string) => n };
        export function trackEvent(name: string) { console.log(name); }
        export function animate(name: string) { track(name); }
        export function trackAction(name: string) { datadogRum.addAction(name); }
        export function viaLocal(name: string) { local.track(name); }
        export function isFeatureEnabled(key: string) { return localStorage.getItem(key) === '1'; }`,
      'src/app.ts': `
        import { trackEvent, animate, trackAction, viaLocal, isFeatureEnabled } from './lib';
        trackEvent('a'); animate('b'); trackAction('c'); viaLocal('d');
        if (isFeatureEnabled('e')) console.track('f');`,
    });
    assert.deepEqual(a.wrappers, []);
    assert.deepEqual(events(a), []);
    assert.deepEqual(flags(a), []);
  });

  it('analyses a file that only calls a wrapper, reached through a default export and a renamed import', () => {
    const a = scanSources({
      'src/telemetry/index.ts': `
        import mixpanel from 'mixpanel-browser';
        export default function send(name: string) { mixpanel.track(name); }`,
      'src/feature.ts': `
        import report from './telemetry';
        export const done = () => report('feature_done');`,
    });
    assert.deepEqual(events(a), [['feature_done', 'report', 'custom']]);
    // `feature.ts` names no SDK call: it was analysed because it imports the wrapper's module.
    assert.deepEqual(a.stats, { candidates: 1, onDemand: 0, wrapperCandidates: 1 });
  });
});

describe('flag containers', () => {
  it('reads keys by property, index, constant, optional chaining, destructuring and membership', () => {
    const a = scanSources(
      {
        'src/keys.ts': `export const KEYS = { SEARCH: 'ai-search' } as const;`,
        'src/app.tsx': `
          import { KEYS } from './keys';
          export function App({ flags, org, config }) {
            const { newNav, ['dark-mode']: dark } = flags;
            const list = [1, 2];
            flags.beta = true;
            return [
              flags.checkoutV2, flags['bulk-export'], flags[KEYS.SEARCH], config?.featureToggles?.tour,
              org.features.includes('sso'), org.enabledFeatures.has(KEYS.SEARCH),
              flags[0], flags.length, flags.get('x'), newNav, dark, list, config.settings.toggles.x,
            ];
          }`,
      },
      { tracking: [], flags: [], flagObjects: [{ object: 'settings.toggles', autoExposure: true }] },
    );
    assert.deepEqual(flags(a), [
      ['newNav', 'flags', 'custom'],
      ['dark-mode', 'flags', 'custom'],
      ['checkoutV2', 'flags', 'custom'],
      ['bulk-export', 'flags', 'custom'],
      ['ai-search', 'flags', 'custom'],
      ['tour', 'config.featureToggles', 'custom'],
      ['sso', 'org.features.includes', 'custom'],
      ['ai-search', 'org.enabledFeatures.has', 'custom'],
      ['x', 'config.settings.toggles', 'custom'],
    ]);
    assert.deepEqual(
      a.entryPoints.map((e) => e.autoExposure),
      [false, false, false, false, false, false, false, false, true],
    );
  });

  it('takes more containers from the plan (`sdks.flags[].object`), next to callees', () => {
    const { plan, problems } = parsePlan(`
sdks:
  flags:
    - callee: useUiFlag
    - object: workspace?.settings.toggles
      autoExposure: true
    - object: 42
`);
    assert.deepEqual(problems, []);
    assert.deepEqual(plan.sdks.flags, [{ callee: 'useUiFlag' }]);
    assert.deepEqual(plan.sdks.flagObjects, [{ object: 'workspace.settings.toggles', autoExposure: true }]);
    const a = scanSources(
      { 'src/a.ts': `export const on = (workspace) => workspace.settings.toggles.beta;` },
      plan.sdks,
    );
    assert.deepEqual(
      a.entryPoints.map((e) => [e.feature, e.callee, e.autoExposure]),
      [['beta', 'workspace.settings.toggles', true]],
    );
  });

  it('ignores containers the program shows are something else', () => {
    const a = scanSources({
      'src/app.ts': `
        import { flags } from 'commander-flags';
        const features = [{ title: 'Fast' }];
        const featureFlags = { verbose: true };
        export const x = (regex: RegExp, parserOptions: any) => [
          flags.verbose, features.title, featureFlags.verbose,
          // Single letters are regular-expression flags; platforms have their own \`features\`.
          regex.flags.includes('u'), process.features.typescript, parserOptions.ecmaFeatures.features.jsx,
        ];`,
    });
    assert.deepEqual(flags(a), []);
  });
});

describe('project modules', () => {
  it('takes bare imports under a catch-all tsconfig path for project code, and packages for packages', () => {
    const a = scanSources({
      'tsconfig.json': `{ "compilerOptions": { "paths": { "*": ["./src/*"] } } }`,
      'src/hooks/useTrack.ts': `import posthog from 'posthog-js'; export const useTrack = () => (e: string) => posthog.capture(e);`,
      'src/pages/home.ts': `import { useTrack } from 'hooks/useTrack'; useTrack()('home_viewed');`,
    });
    assert.deepEqual(events(a), [['home_viewed', 'useTrack()', 'custom']]);
    assert.equal(a.wrappers[0]!.sdk, 'posthog');
  });

  it('resolves imports of monorepo packages by name, through exports, subpaths and build output', () => {
    const a = scanSources({
      'package.json': `{ "name": "root", "workspaces": ["packages/*"] }`,
      'packages/track/package.json': `{ "name": "@acme/track", "exports": { ".": { "types": "./dist/index.d.ts", "import": "./dist/index.mjs" }, "./flags": "./src/flag-hooks.ts" } }`,
      'packages/track/src/index.ts': `import posthog from 'posthog-js'; export const send = (e: string) => posthog.capture(e);`,
      'packages/track/src/flag-hooks.ts': `import posthog from 'posthog-js'; export const useFlag = (k: string) => posthog.isFeatureEnabled(k);`,
      'packages/broken/package.json': `{ "name": `,
      'apps/web/app.ts': `
        import { send } from '@acme/track';
        import { useFlag } from '@acme/track/flags';
        send('web_opened');
        useFlag('web-flag');`,
    });
    assert.deepEqual(events(a), [['web_opened', 'send', 'custom']]);
    assert.deepEqual(flags(a), [['web-flag', 'useFlag', 'custom']]);
  });
});
