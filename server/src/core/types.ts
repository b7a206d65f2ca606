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
