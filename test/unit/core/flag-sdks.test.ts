import { strict as assert } from 'node:assert';
import { flags, scanOne, scanSources } from '../../helpers/memory';

describe('flag SDK call shapes', () => {
  describe('LaunchDarkly', () => {
    it('finds server and client variation calls on an initialised client', () => {
      const a = scanOne(`
        import * as LaunchDarkly from '@launchdarkly/node-server-sdk';
        const client = LaunchDarkly.init('sdk-key');
        export async function handler(ctx) {
          const on = await client.variation('checkout-v2', ctx, false);
          const detail = await client.boolVariationDetail('new-nav', ctx, false);
          return client.stringVariation('pricing-page', ctx, 'a');
        }`);
      assert.deepEqual(flags(a), [
        ['checkout-v2', 'client.variation', 'launchdarkly'],
        ['new-nav', 'client.boolVariationDetail', 'launchdarkly'],
        ['pricing-page', 'client.stringVariation', 'launchdarkly'],
      ]);
      assert.ok(a.entryPoints.every((e) => e.autoExposure));
    });

    it('finds useLDClient().variation and destructured useFlags keys, mapping camelCase back to known keys', () => {
      const a = scanSources(
        {
          'src/app.tsx': `
            import { useFlags, useLDClient } from 'launchdarkly-react-client-sdk';
            export function App() {
              const { checkoutV2, darkMode } = useFlags();
              const ld = useLDClient();
              const beta = useLDClient().variation('beta-banner', false);
              return ld.variation('checkout-v2', false) && checkoutV2 && darkMode && beta;
            }`,
        },
        undefined,
        ['dark_mode'],
      );
      assert.deepEqual(flags(a), [
        ['checkout-v2', 'useFlags', 'launchdarkly'],
        ['dark_mode', 'useFlags', 'launchdarkly'],
        ['beta-banner', 'useLDClient().variation', 'launchdarkly'],
        ['checkout-v2', 'ld.variation', 'launchdarkly'],
      ]);
      assert.equal(a.entryPoints[0]!.camelCasedKey, 'checkoutV2');
      assert.equal(a.entryPoints[1]!.camelCasedKey, 'darkMode');
    });

    it('keeps a camel-cased key as written when nothing maps it back', () => {
      const a = scanOne(`
        import { useFlags } from 'launchdarkly-react-client-sdk';
        export const C = () => { const flags = useFlags(); return flags.mysteryFlag || flags['raw-key']; };`);
      assert.deepEqual(flags(a), [
        ['mysteryFlag', 'useFlags', 'launchdarkly'],
        ['raw-key', 'useFlags', 'launchdarkly'],
      ]);
      assert.equal(a.entryPoints[0]!.camelCasedKey, undefined);
    });
  });

  it('OpenFeature: client getters and React hooks', () => {
    const a = scanOne(`
      import { OpenFeature } from '@openfeature/server-sdk';
      import { useFlag, useBooleanFlagValue } from '@openfeature/react-sdk';
      const client = OpenFeature.getClient();
      export function C() {
        const a = client.getBooleanValue('bulk-export', false);
        const b = client.getStringDetails('theme', 'light');
        const { value } = useFlag('new-editor', false);
        return useBooleanFlagValue('fast-search', false) && a && b && value;
      }`);
    assert.deepEqual(flags(a), [
      ['bulk-export', 'client.getBooleanValue', 'openfeature'],
      ['theme', 'client.getStringDetails', 'openfeature'],
      ['new-editor', 'useFlag', 'openfeature'],
      ['fast-search', 'useBooleanFlagValue', 'openfeature'],
    ]);
    assert.ok(a.entryPoints.every((e) => !e.autoExposure));
  });

  it('Unleash: client methods and React hooks (useFlag from the Unleash package)', () => {
    const a = scanOne(`
      import { UnleashClient } from 'unleash-proxy-client';
      import { useFlag, useVariant } from '@unleash/proxy-client-react';
      const unleash = new UnleashClient({ url: '', clientKey: '', appName: 'x' });
      export function C() {
        return unleash.isEnabled('new-checkout') && unleash.getVariant('color').name && useFlag('ai-assist') && useVariant('layout');
      }`);
    assert.deepEqual(flags(a), [
      ['new-checkout', 'unleash.isEnabled', 'unleash'],
      ['color', 'unleash.getVariant', 'unleash'],
      ['ai-assist', 'useFlag', 'unleash'],
      ['layout', 'useVariant', 'unleash'],
    ]);
  });

  it('GrowthBook: instance methods and hooks', () => {
    const a = scanOne(`
      import { GrowthBook } from '@growthbook/growthbook';
      import { useFeatureIsOn, useFeatureValue, useFeature } from '@growthbook/growthbook-react';
      const gb = new GrowthBook();
      export function C() {
        gb.isOn('dark-mode'); gb.isOff('legacy'); gb.getFeatureValue('banner', 'x'); gb.evalFeature('search'); gb.feature('onboarding');
        return useFeatureIsOn('checkout-v2') && useFeatureValue('color', 'red') && useFeature('tour');
      }`);
    assert.deepEqual(
      flags(a).map((f) => f[0]),
      ['dark-mode', 'legacy', 'banner', 'search', 'onboarding', 'checkout-v2', 'color', 'tour'],
    );
    assert.ok(a.entryPoints.every((e) => e.sdk === 'growthbook' && !e.autoExposure));
  });

  it('PostHog: client calls and hooks; payload reads do not log exposure', () => {
    const a = scanOne(`
      import posthog from 'posthog-js';
      import { useFeatureFlagEnabled, useFeatureFlagVariantKey, useFeatureFlagPayload } from 'posthog-js/react';
      export function C() {
        posthog.isFeatureEnabled('new-onboarding');
        posthog.getFeatureFlag('pricing-test');
        posthog.getFeatureFlagPayload('pricing-test');
        return useFeatureFlagEnabled('ai-summary') && useFeatureFlagVariantKey('hero') && useFeatureFlagPayload('hero');
      }`);
    assert.deepEqual(
      a.entryPoints.map((e) => [e.feature, e.autoExposure]),
      [
        ['new-onboarding', true],
        ['pricing-test', true],
        ['pricing-test', false],
        ['ai-summary', true],
        ['hero', true],
        ['hero', false],
      ],
    );
  });

  it('Statsig: browser (gate first) and server (user first) argument orders, and hooks', () => {
    const a = scanOne(`
      import Statsig from 'statsig-node';
      import { useGate, useExperiment } from 'statsig-react';
      export async function h(user) {
        await Statsig.checkGate(user, 'server_gate');
        Statsig.getExperiment(user, 'pricing_exp');
        return useGate('client_gate').value && useExperiment('onboarding_exp');
      }
      export const c = (statsig) => statsig.checkGate('browser_gate');`);
    assert.deepEqual(flags(a), [
      ['server_gate', 'Statsig.checkGate', 'statsig'],
      ['pricing_exp', 'Statsig.getExperiment', 'statsig'],
      ['client_gate', 'useGate', 'statsig'],
      ['onboarding_exp', 'useExperiment', 'statsig'],
      ['browser_gate', 'statsig.checkGate', 'statsig'],
    ]);
    assert.ok(a.entryPoints.every((e) => e.autoExposure));
  });

  it('Split: browser and server treatments, arrays of names, React hooks', () => {
    const a = scanOne(`
      import { SplitFactory } from '@splitsoftware/splitio';
      import { useTreatments } from '@splitsoftware/splitio-react';
      const client = SplitFactory({ core: { authorizationKey: 'k' } }).client();
      export function C(attrs) {
        client.getTreatment('browser_split', attrs);
        client.getTreatment('user-1', 'server_split', attrs);
        client.getTreatments(['multi_a', 'multi_b']);
        return useTreatments(['react_split']);
      }`);
    assert.deepEqual(
      flags(a).map((f) => f[0]),
      ['browser_split', 'server_split', 'multi_a', 'multi_b', 'react_split'],
    );
    assert.ok(a.entryPoints.every((e) => e.sdk === 'split' && !e.autoExposure));
  });

  it('ConfigCat, Flagsmith and DevCycle', () => {
    const a = scanOne(`
      import * as configcat from 'configcat-node';
      import flagsmith from 'flagsmith';
      import { useFlags } from 'flagsmith/react';
      import { useVariableValue } from '@devcycle/react-client-sdk';
      import { initializeDevCycle } from '@devcycle/nodejs-server-sdk';
      const cc = configcat.getClient('key');
      const dvc = initializeDevCycle('key');
      export async function C(user) {
        await cc.getValueAsync('cc_flag', false);
        flagsmith.hasFeature('fs_feature');
        flagsmith.getValue('fs_value');
        const f = useFlags(['fs_hook_a', 'fs_hook_b']);
        dvc.variableValue(user, 'dvc_server', false);
        return useVariableValue('dvc_hook', false);
      }`);
    assert.deepEqual(flags(a), [
      ['cc_flag', 'cc.getValueAsync', 'configcat'],
      ['fs_feature', 'flagsmith.hasFeature', 'flagsmith'],
      ['fs_value', 'flagsmith.getValue', 'flagsmith'],
      ['fs_hook_a', 'useFlags', 'flagsmith'],
      ['fs_hook_b', 'useFlags', 'flagsmith'],
      ['dvc_server', 'dvc.variableValue', 'devcycle'],
      ['dvc_hook', 'useVariableValue', 'devcycle'],
    ]);
  });

  it('annotation comments name features (line, block and JSX comments)', () => {
    const a = scanOne(`
      // @feature checkout-v2
      /* @feature bulk-export */
      export const C = () => <div>{/* @feature new-nav */}</div>;`);
    assert.deepEqual(flags(a), [
      ['checkout-v2', '@feature', 'annotation'],
      ['bulk-export', '@feature', 'annotation'],
      ['new-nav', '@feature', 'annotation'],
    ]);
    assert.deepEqual(a.entryPoints[0]!.span.start, { line: 2, column: 10 });
  });

  it('reports unresolvable keys as null with the expression, never guessed', () => {
    const a = scanOne(`
      import posthog from 'posthog-js';
      let current = 'a';
      export const C = ({ flag }) => posthog.isFeatureEnabled(current) || posthog.isFeatureEnabled(flag ? 'a' : 'b');`);
    assert.deepEqual(
      a.entryPoints.map((e) => [e.feature, e.expression]),
      [
        [null, 'current'],
        [null, "flag ? 'a' : 'b'"],
      ],
    );
  });

  it('falls back to well-known receiver names and SDK-specific method names when the binding is unknown', () => {
    const a = scanOne(`
      export function C({ ldClient, unleash, client }) {
        return ldClient.variation('a', false) && unleash.isEnabled('b') && client.checkGate('c') && client.isEnabled('not-a-flag');
      }`);
    assert.deepEqual(flags(a), [
      ['a', 'ldClient.variation', 'launchdarkly'],
      ['b', 'unleash.isEnabled', 'unleash'],
      ['c', 'client.checkGate', 'statsig'],
    ]);
  });

  it('does not take look-alikes for flag checks', () => {
    const a = scanOne(`
      import { isEnabled } from './settings';
      import { useFlag } from 'some-other-flags-lib';
      const config = { isEnabled: (k: string) => true };
      function useFeatureIsOn(k: string) { return false; }
      export function C() {
        return config.isEnabled('x') && isEnabled('y') && useFlag('z') && useFeatureIsOn('w') && settings.variation;
      }`);
    assert.deepEqual(flags(a), []);
  });
});
