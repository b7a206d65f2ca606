// The vocabulary in which SDK call shapes are described: which names a call may have and where its
// flag key or event name is written. The catalogues (flags.ts, tracking.ts) are data in this form.
import type { FlagSdk, TrackingKind, TrackingSdk } from '../types';

/** Where a call's key or name is written. */
export interface ArgSpec {
  /**
   * Candidate argument positions, in order of preference. The first one holding something
   * string-like wins (Statsig's node SDK takes `(user, gate)`, its browser SDK `(gate)`).
   */
  args: number[];
  /** When the chosen argument is an object literal, the key or name is this property. */
  property?: string[];
  /** The argument may be an array of keys (`getTreatments(['a', 'b'])`). */
  array?: boolean;
  /** Only a call whose argument `index` is the string `equals` counts (`gtag('event', name)`). */
  when?: { index: number; equals: string };
}

export interface CallDef {
  names: readonly string[];
  key: ArgSpec;
  /** The method name alone is evidence enough when the receiver's binding is unknown. */
  distinctive?: boolean;
  /**
   * A free function that may be called without any import (a global snippet such as `gtag`), or a
   * hook whose name belongs to this SDK alone: recognised when the program does not bind it.
   */
  unbound?: boolean;
  /** Flags: the SDK logs an exposure event for this call automatically. */
  autoExposure?: boolean;
  /** Tracking: what kind of call this is. */
  kind?: TrackingKind;
}

export interface SdkDef<S extends string> {
  sdk: S;
  /** npm packages whose imports bind values to this SDK. */
  packages: RegExp;
  /** Receiver names assumed to be this SDK when the program does not say what they are bound to. */
  receiverNames: RegExp;
  calls: readonly CallDef[];
  /** Functions whose results hold flags as properties (`useFlags()` of LaunchDarkly's React SDK). */
  flagObjects?: readonly { name: string; autoExposure: boolean; camelCaseKeys: boolean }[];
  /** Functions that return a callable tracker: `usePlausible()` returns `plausible`. */
  returnsCallable?: Readonly<Record<string, string>>;
}

export type FlagSdkDef = SdkDef<Exclude<FlagSdk, 'annotation' | 'custom'>>;
export type TrackingSdkDef = SdkDef<Exclude<TrackingSdk, 'custom'>>;

/** Every method and function name the catalogue knows, for the text pre-filter. */
export function callNames(defs: readonly SdkDef<string>[]): string[] {
  const names = new Set<string>();
  for (const def of defs) {
    for (const call of def.calls) for (const name of call.names) names.add(name);
    for (const obj of def.flagObjects ?? []) names.add(obj.name);
    for (const [factory, fn] of Object.entries(def.returnsCallable ?? {})) {
      names.add(factory);
      names.add(fn);
    }
  }
  return [...names];
}
