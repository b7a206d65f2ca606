import { strict as assert } from 'node:assert';
import { events, scanOne } from '../../helpers/memory';

describe('tracking SDK call shapes', () => {
  it('Segment: browser track/page/screen and the server object form', () => {
    const a = scanOne(`
      import { AnalyticsBrowser } from '@segment/analytics-next';
      import { Analytics } from '@segment/analytics-node';
      const analytics = AnalyticsBrowser.load({ writeKey: 'k' });
      const server = new Analytics({ writeKey: 'k' });
      analytics.track('Checkout Started', { plan: 'pro' });
      analytics.page('Docs', 'Pricing');
      analytics.page('Home');
      analytics.screen('Settings', { tab: 'a' });
      server.track({ userId: 'u1', event: 'Order Completed', properties: { feature: 'checkout-v2' } });
      analytics.page();`);
    assert.deepEqual(events(a), [
      ['Checkout Started', 'analytics.track', 'segment'],
      ['Pricing', 'analytics.page', 'segment'],
      ['Home', 'analytics.page', 'segment'],
      ['Settings', 'analytics.screen', 'segment'],
      ['Order Completed', 'server.track', 'segment'],
    ]);
    assert.deepEqual(
      a.trackingCalls.map((c) => c.kind),
      ['track', 'page', 'page', 'screen', 'track'],
    );
    assert.deepEqual(a.trackingCalls[0]!.properties, { plan: 'pro' });
    assert.deepEqual(a.trackingCalls[4]!.properties, { feature: 'checkout-v2' });
  });

  it('RudderStack, Amplitude (named imports and instance), Mixpanel, Heap', () => {
    const a = scanOne(`
      import { RudderAnalytics } from '@rudderstack/analytics-js';
      import * as amplitude from '@amplitude/analytics-browser';
      import { track as ampTrack, logEvent } from '@amplitude/analytics-browser';
      import mixpanel from 'mixpanel-browser';
      const rudderanalytics = new RudderAnalytics();
      rudderanalytics.track('Rudder Event');
      amplitude.track('Amp Event', { a: 1 });
      ampTrack('Aliased Amp Event');
      ampTrack({ event_type: 'Amp Object Event' });
      logEvent('Legacy Amp Event');
      mixpanel.track('Mixpanel Event');
      window.heap.track('Heap Event');`);
    assert.deepEqual(events(a), [
      ['Rudder Event', 'rudderanalytics.track', 'rudderstack'],
      ['Amp Event', 'amplitude.track', 'amplitude'],
      ['Aliased Amp Event', 'ampTrack', 'amplitude'],
      ['Amp Object Event', 'ampTrack', 'amplitude'],
      ['Legacy Amp Event', 'logEvent', 'amplitude'],
      ['Mixpanel Event', 'mixpanel.track', 'mixpanel'],
      ['Heap Event', 'window.heap.track', 'heap'],
    ]);
  });

  it('PostHog: browser capture, hook client and the server object form', () => {
    const a = scanOne(`
      import posthog from 'posthog-js';
      import { usePostHog } from 'posthog-js/react';
      import { PostHog } from 'posthog-node';
      const client = new PostHog('key');
      export function C() {
        const ph = usePostHog();
        posthog.capture('report_created', { feature: 'reports' });
        ph.capture('report_shared');
        client.capture({ distinctId: 'u', event: 'report_exported' });
      }`);
    assert.deepEqual(events(a), [
      ['report_created', 'posthog.capture', 'posthog'],
      ['report_shared', 'ph.capture', 'posthog'],
      ['report_exported', 'client.capture', 'posthog'],
    ]);
  });

  it("Google Analytics gtag('event', name) and Plausible (snippet, plausible-tracker, next-plausible)", () => {
    const a = scanOne(`
      import Plausible from 'plausible-tracker';
      import { usePlausible } from 'next-plausible';
      const { trackEvent } = Plausible();
      export function C() {
        const plausible = usePlausible();
        gtag('event', 'sign_up', { method: 'Google' });
        gtag('config', 'G-XXXX');
        window.plausible('Snippet Signup', { props: { feature: 'signup' } });
        trackEvent('Tracker Signup');
        plausible('Hook Signup');
      }`);
    assert.deepEqual(events(a), [
      ['sign_up', 'gtag', 'google-analytics'],
      ['Snippet Signup', 'window.plausible', 'plausible'],
      ['Tracker Signup', 'trackEvent', 'plausible'],
      ['Hook Signup', 'plausible', 'plausible'],
    ]);
    assert.deepEqual(a.trackingCalls[1]!.properties, { feature: 'signup' });
  });

  it('falls back to well-known receiver names when the program does not bind them', () => {
    const a = scanOne(`
      import { analytics } from './lib/analytics';
      export class Service {
        constructor(private readonly posthog: any) {}
        run(props) {
          analytics.track('From Project Module');
          this.posthog.capture('From Injected Client');
          props.mixpanel.track('From Props');
          amplitude.getInstance().logEvent('From Legacy Instance');
        }
      }`);
    assert.deepEqual(events(a), [
      ['From Project Module', 'analytics.track', 'segment'],
      ['From Injected Client', 'this.posthog.capture', 'posthog'],
      ['From Props', 'props.mixpanel.track', 'mixpanel'],
      ['From Legacy Instance', 'amplitude.getInstance().logEvent', 'amplitude'],
    ]);
  });

  it('does not take look-alikes for tracking calls', () => {
    const a = scanOne(`
      import { track } from 'some-animation-lib';
      const analytics = { track: (name: string) => console.log(name) };
      function capture(name: string) {}
      export function C(router) {
        console.track('console');
        track('animation');
        analytics.track('local object');
        capture('local function');
        router.page('not analytics');
        gtag('config', 'G-1');
      }`);
    assert.deepEqual(events(a), []);
  });

  it('ignores calls inside comments, strings and template strings', () => {
    const a = scanOne(`
      import posthog from 'posthog-js';
      // posthog.capture('in a line comment')
      /* posthog.capture('in a block comment') */
      const s = "posthog.capture('in a string')";
      const t = \`posthog.capture('in a template') \${1}\`;
      posthog.capture('real');`);
    assert.deepEqual(events(a), [['real', 'posthog.capture', 'posthog']]);
  });
});
