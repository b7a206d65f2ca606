// Built-in feature-flag SDK call shapes. `autoExposure` follows DESIGN §2: PostHog, LaunchDarkly and
// Statsig log an exposure when a flag is evaluated; the others do not for plain checks.
import type { ArgSpec, FlagSdkDef } from './shapes';

const first: ArgSpec = { args: [0] };
/** Server SDKs put the user first (`checkGate(user, 'gate')`), browser SDKs the key. */
const userThenKey: ArgSpec = { args: [0, 1] };

export const FLAG_SDKS: readonly FlagSdkDef[] = [
  {
    sdk: 'launchdarkly',
    packages: /^(@launchdarkly\/|launchdarkly-)/,
    receiverNames: /^(ld|ld_?client|launch_?darkly(_?client)?)$/i,
    calls: [
      {
        names: [
          'variation',
          'variationDetail',
          'boolVariation',
          'boolVariationDetail',
          'stringVariation',
          'stringVariationDetail',
          'numberVariation',
          'numberVariationDetail',
          'jsonVariation',
          'jsonVariationDetail',
        ],
        key: first,
        distinctive: true,
        autoExposure: true,
      },
    ],
    // The React SDK camel-cases flag keys by default (`checkout-v2` → `checkoutV2`).
    flagObjects: [{ name: 'useFlags', autoExposure: true, camelCaseKeys: true }],
  },
  {
    sdk: 'openfeature',
    packages: /^@openfeature\//,
    receiverNames: /^(open_?feature(_?client)?|feature_?client|of_?client)$/i,
    calls: [
      {
        names: [
          'getBooleanValue',
          'getStringValue',
          'getNumberValue',
          'getObjectValue',
          'getBooleanDetails',
          'getStringDetails',
          'getNumberDetails',
          'getObjectDetails',
        ],
        key: first,
        distinctive: true,
      },
      {
        names: [
          'useBooleanFlagValue',
          'useStringFlagValue',
          'useNumberFlagValue',
          'useObjectFlagValue',
          'useBooleanFlagDetails',
          'useStringFlagDetails',
          'useNumberFlagDetails',
          'useObjectFlagDetails',
          'useSuspenseFlag',
        ],
        key: first,
        unbound: true,
      },
      // `useFlag` is also Unleash's hook: only an import tells which.
      { names: ['useFlag'], key: first },
    ],
  },
  {
    sdk: 'unleash',
    packages: /^(unleash-client|unleash-proxy-client|@unleash\/)/,
    receiverNames: /^unleash(_?client)?$/i,
    calls: [{ names: ['isEnabled', 'getVariant', 'useFlag', 'useVariant'], key: first }],
  },
  {
    sdk: 'growthbook',
    packages: /^@growthbook\//,
    receiverNames: /^(gb|growth_?book)$/i,
    calls: [
      { names: ['getFeatureValue', 'evalFeature'], key: first, distinctive: true },
      { names: ['isOn', 'isOff', 'feature'], key: first },
      { names: ['useFeatureIsOn', 'useFeatureValue'], key: first, unbound: true },
      { names: ['useFeature'], key: first },
    ],
  },
  {
    sdk: 'posthog',
    packages: /^(posthog-js|posthog-node|posthog-react-native)(\/|$)/,
    receiverNames: /^(posthog|ph|posthog_?client)$/i,
    calls: [
      { names: ['isFeatureEnabled', 'getFeatureFlag'], key: first, autoExposure: true },
      // Payload reads do not send `$feature_flag_called`.
      { names: ['getFeatureFlagPayload'], key: first },
      {
        names: ['useFeatureFlagEnabled', 'useFeatureFlagVariantKey'],
        key: first,
        unbound: true,
        autoExposure: true,
      },
      { names: ['useFeatureFlagPayload'], key: first, unbound: true },
    ],
  },
  {
    sdk: 'statsig',
    packages: /^(statsig-|@statsig\/)/,
    receiverNames: /^statsig(_?client)?$/i,
    calls: [
      {
        names: ['checkGate', 'getFeatureGate', 'getExperiment'],
        key: userThenKey,
        distinctive: true,
        autoExposure: true,
      },
      {
        names: [
          'checkGateWithExposureLoggingDisabled',
          'getFeatureGateWithExposureLoggingDisabled',
          'getExperimentWithExposureLoggingDisabled',
        ],
        key: userThenKey,
        distinctive: true,
      },
      { names: ['useGate', 'useFeatureGate', 'useGateValue'], key: first, unbound: true, autoExposure: true },
      { names: ['useExperiment'], key: first, autoExposure: true },
    ],
  },
  {
    sdk: 'split',
    packages: /^@splitsoftware\//,
    receiverNames: /^split(io)?(_?client)?$/i,
    calls: [
      {
        // Browser: getTreatment(split, attrs); Node: getTreatment(key, split, attrs).
        names: ['getTreatment', 'getTreatmentWithConfig', 'getTreatments', 'getTreatmentsWithConfig'],
        key: { args: [1, 0], array: true },
        distinctive: true,
      },
      { names: ['useTreatments'], key: { args: [0], array: true }, unbound: true },
      { names: ['useSplitTreatments'], key: { args: [0], property: ['names'], array: true }, unbound: true },
    ],
  },
  {
    sdk: 'configcat',
    packages: /^(configcat-|@configcat\/)/,
    receiverNames: /^config_?cat(_?client)?$/i,
    calls: [
      { names: ['getValue', 'getValueAsync', 'getValueDetails', 'getValueDetailsAsync'], key: first },
      { names: ['useFeatureFlag'], key: first },
    ],
  },
  {
    sdk: 'flagsmith',
    packages: /^(flagsmith|@flagsmith\/)/,
    receiverNames: /^flagsmith(_?client)?$/i,
    calls: [
      { names: ['hasFeature'], key: first, distinctive: true },
      { names: ['getValue', 'isFeatureEnabled', 'getFeatureValue'], key: first },
      { names: ['useFlags'], key: { args: [0], array: true } },
    ],
  },
  {
    sdk: 'devcycle',
    packages: /^@devcycle\//,
    receiverNames: /^(dev_?cycle|dvc)(_?client)?$/i,
    calls: [
      { names: ['variableValue'], key: userThenKey, distinctive: true },
      { names: ['variable'], key: userThenKey },
      { names: ['useVariableValue'], key: first, unbound: true },
      { names: ['useVariable'], key: first },
    ],
  },
];
