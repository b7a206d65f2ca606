// Built-in analytics SDK call shapes: where each SDK's tracking calls carry the event name.
import type { ArgSpec, CallDef, TrackingSdkDef } from './shapes';

/** `track(name, props)` or the server object form `track({ userId, event, properties })`. */
const nameOrEventProperty: ArgSpec = { args: [0], property: ['event'] };
/** `page([category], [name], [props])`; the server form `page({ userId, name })`. */
const pageName: ArgSpec = { args: [1, 0], property: ['name'] };

const segmentLikeCalls: readonly CallDef[] = [
  { names: ['track'], key: nameOrEventProperty, kind: 'track' },
  { names: ['page'], key: pageName, kind: 'page' },
  { names: ['screen'], key: pageName, kind: 'screen' },
];

export const TRACKING_SDKS: readonly TrackingSdkDef[] = [
  {
    sdk: 'segment',
    packages: /^(@segment\/|analytics-node$)/,
    receiverNames: /^analytics$/,
    calls: segmentLikeCalls,
  },
  {
    sdk: 'rudderstack',
    packages: /^(rudder-sdk-js|@rudderstack\/)/,
    receiverNames: /^rudder_?(analytics|stack)$/i,
    calls: segmentLikeCalls,
  },
  {
    sdk: 'amplitude',
    packages: /^(@amplitude\/|amplitude-js$)/,
    receiverNames: /^amplitude(_?client)?$/i,
    calls: [
      { names: ['track'], key: { args: [0], property: ['event_type'] }, kind: 'track' },
      { names: ['logEvent'], key: { args: [0] }, kind: 'track' },
    ],
  },
  {
    sdk: 'mixpanel',
    packages: /^(mixpanel|mixpanel-browser|mixpanel-react-native)$/,
    receiverNames: /^mixpanel(_?client)?$/i,
    calls: [{ names: ['track'], key: { args: [0] }, kind: 'track' }],
  },
  {
    sdk: 'posthog',
    packages: /^(posthog-js|posthog-node|posthog-react-native)(\/|$)/,
    receiverNames: /^(posthog|ph|posthog_?client)$/i,
    calls: [{ names: ['capture'], key: nameOrEventProperty, kind: 'track' }],
  },
  {
    sdk: 'heap',
    packages: /^(@heap\/|reactjs-heap$)/,
    receiverNames: /^heap$/i,
    calls: [{ names: ['track'], key: { args: [0] }, kind: 'track' }],
  },
  {
    sdk: 'google-analytics',
    packages: /^$/,
    receiverNames: /^$/,
    calls: [
      {
        names: ['gtag'],
        key: { args: [1], when: { index: 0, equals: 'event' } },
        unbound: true,
        kind: 'track',
      },
    ],
  },
  {
    sdk: 'plausible',
    packages: /^(plausible-tracker|next-plausible)$/,
    // The tracker `Plausible()` returns, handed around (React context, props) under its own name.
    receiverNames: /^plausible(_?tracker)?$/i,
    calls: [
      // The snippet defines a global `plausible`; `trackEvent` only counts when bound to the SDK
      // (`const { trackEvent } = Plausible()`): it is the most common name of project wrappers.
      { names: ['plausible'], key: { args: [0] }, unbound: true, kind: 'track' },
      { names: ['trackEvent'], key: { args: [0] }, kind: 'track' },
    ],
    returnsCallable: { usePlausible: 'plausible' },
  },
];
