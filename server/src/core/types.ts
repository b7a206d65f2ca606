// Plain data shared by every layer of the core. Nothing here knows about LSP, VS Code or the file
// system: the CLI and the language server turn these into their own shapes.

/** A position in a source file: `line` and `column` are 1-based, `column` counts UTF-16 code units. */
export interface Position {
  line: number;
  column: number;
}

/** A half-open range in a source file, as 1-based positions plus 0-based offsets (for edits). */
export interface Span {
  start: Position;
  end: Position;
  startOffset: number;
  endOffset: number;
}

export type FlagSdk =
  | 'launchdarkly'
  | 'openfeature'
  | 'unleash'
  | 'growthbook'
  | 'posthog'
  | 'statsig'
  | 'split'
  | 'configcat'
  | 'flagsmith'
  | 'devcycle'
  | 'annotation'
  | 'custom';

export type TrackingSdk =
  | 'segment'
  | 'rudderstack'
  | 'amplitude'
  | 'mixpanel'
  | 'posthog'
  | 'heap'
  | 'google-analytics'
  | 'plausible'
  | 'custom';

/** How a statically known name was obtained, from the most direct to the most indirect. */
export type ResolvedFrom = 'literal' | 'template' | 'const' | 'enum' | 'object' | 'import';

/** A feature entry point: a flag check call, a flag read off a flags object, or an annotation. */
export interface EntryPoint {
  /** Feature key; `null` when the key expression cannot be resolved statically. */
  feature: string | null;
  file: string;
  /** Where the check starts (the callee, the member read, or the annotation comment). */
  span: Span;
  /** Where the key itself is written (string literal, constant reference, destructured property). */
  keySpan: Span;
  sdk: FlagSdk;
  /** The callee as written, e.g. `ld.variation`, `useFlags`, or `@feature` for annotations. */
  callee: string;
  autoExposure: boolean;
  resolvedFrom?: ResolvedFrom;
  /** Source text of an unresolved key expression. */
  expression?: string;
  /** LaunchDarkly's React SDK camel-cases keys: the key as written when it was mapped back. */
  camelCasedKey?: string;
  /** The check goes through a project wrapper (a flag hook, a component with a flag prop). */
  wrapper?: WrapperRef;
}

/** Kinds of tracking calls: `track` sends a named event; `page`/`screen` name a page view. */
export type TrackingKind = 'track' | 'page' | 'screen';

export interface TrackingCall {
  /** Event name; `null` when it cannot be resolved statically (never guessed). */
  event: string | null;
  file: string;
  span: Span;
  /** Where the name expression is written (for quick-fixes that rename an event). */
  nameSpan: Span;
  sdk: TrackingSdk;
  callee: string;
  kind: TrackingKind;
  resolvedFrom?: ResolvedFrom;
  /** Source text of an unresolved name expression. */
  expression?: string;
  /** Statically known string properties of the event's properties object (e.g. `feature`). */
  properties?: Record<string, string>;
  /** The call goes through a project wrapper; `Analysis.wrappers` says what it wraps. */
  wrapper?: WrapperRef;
}

export type WrapperKind = 'tracking' | 'flag';

/** Identifies a wrapper of `Analysis.wrappers`: its name, file and line. */
export interface WrapperRef {
  name: string;
  file: string;
  line: number;
}

/** One call on the way from a wrapper to the SDK: the wrapper's own call first, the SDK call last. */
export interface WrapperStep {
  callee: string;
  file: string;
  line: number;
  /** Set on the last step: the SDK (or `custom` for a plan-declared callee or a flag container). */
  sdk?: TrackingSdk | FlagSdk;
}

/**
 * A project function discovered to send events or check flags: one of its parameters becomes the
 * event name or flag key of an SDK call, directly or through other wrappers.
 */
export interface Wrapper {
  name: string;
  file: string;
  /** The function's span. */
  span: Span;
  kind: WrapperKind;
  /** The argument holding the name (the first of several for a `template`); absent for a Proxy. */
  argument?: number;
  /** The name is this property (path) of the argument: `track({ event })` → `event`. */
  property?: string;
  prefix?: string;
  suffix?: string;
  /** When several arguments make the name, or a part is unknown: `${0}: ${1}`, `${?}_${0}`. */
  template?: string;
  /** A Proxy whose property names are the event names (`track.signupClicked()`). */
  proxy?: boolean;
  /** The SDK at the end of `via`. */
  sdk: TrackingSdk | FlagSdk;
  /** Tracking wrappers: the kind of the wrapped call. */
  trackingKind?: TrackingKind;
  /** Flag wrappers: whether the wrapped check logs an exposure. */
  autoExposure?: boolean;
  /** The first route from the wrapper to an SDK call. */
  via: WrapperStep[];
  /** How many call sites of the workspace go through it (internals of other wrappers excluded). */
  calls: number;
}

/**
 * A call inside a wrapper whose name is the wrapper's parameter: reported as the wrapper's
 * internals, not as an unresolved name (the name is known at each call of the wrapper).
 */
export interface WrapperInternal {
  file: string;
  span: Span;
  kind: WrapperKind;
  callee: string;
  sdk: TrackingSdk | FlagSdk;
  /** The name expression as written (`name`, `` `${prefix}${name}` ``). */
  expression: string;
  wrapper: WrapperRef;
}

export interface ParseError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ScanResult {
  files: number;
  skipped: SkipCounts;
  parseErrors: ParseError[];
  entryPoints: EntryPoint[];
  trackingCalls: TrackingCall[];
}

export interface SkipCounts {
  tooLarge: number;
  ignored: number;
  binary: number;
}
