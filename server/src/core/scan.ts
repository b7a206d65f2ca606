// Whole-workspace analysis: pre-filter, extract candidate files, parse the files the resolver needs on
// demand, discover wrappers (and analyse the files that call them), link names across files, and map
// camel-cased flag keys back to the keys they came from.
import type { AnalysisConfig } from './config';
import type { FileFacts, RawEntryPoint, RawTrackingCall } from './extract';
import { type Extract, FactsStore } from './facts-store';
import { camelCaseFlagKey } from './keys';
import { Linker } from './link';
import type { ModuleHost } from './modules';
import { drain, STEP_SIZES, type StepSizes, type Steps } from './steps';
import type { EntryPoint, ParseError, TrackingCall, Wrapper, WrapperInternal, WrapperRef } from './types';
import { reportWrappers } from './wrappers/report';
import { discoverWrappersSteps } from './wrappers/workspace';

export interface ScanInput {
  /** Every source file of the workspace (workspace-relative, `/`-separated). */
  files: readonly string[];
  host: ModuleHost;
  config: AnalysisConfig;
  /** Flag keys known from elsewhere (the plan), used to map camel-cased keys back. */
  knownFlagKeys?: readonly string[];
  /** Per-file extraction (core/extract.ts `extractFile`; bundles load it lazily). */
  extract: Extract;
  /** Extract every file in full, without pre-filters (the reference the fast path must equal). */
  parseEverything?: boolean;
}

export interface Analysis {
  entryPoints: EntryPoint[];
  trackingCalls: TrackingCall[];
  parseErrors: ParseError[];
  /** Project functions that send events or check flags for their callers (wrappers/). */
  wrappers: Wrapper[];
  /** SDK calls inside wrappers whose names are the wrappers' parameters. */
  wrapperInternals: WrapperInternal[];
  /** Per-file facts of every file that was parsed (candidates and on-demand). */
  facts: ReadonlyMap<string, FileFacts>;
  /**
   * How many files passed the pre-filter, how many more the resolver parsed on demand, and how many
   * were analysed because they name a discovered wrapper.
   */
  stats: { candidates: number; onDemand: number; wrapperCandidates: number };
}

export function scanWorkspace(input: ScanInput): Analysis {
  const store = new FactsStore(input.host, input.config, {
    extract: input.extract,
    parseEverything: input.parseEverything === true,
  });
  store.setFiles(input.files);
  for (const file of input.files) store.candidate(file);
  return linkAnalysis(store, input.knownFlagKeys ?? []);
}

/**
 * Links the facts of the store's files: wrapper discovery over the files analysed so far (adding the
 * files that call a wrapper), then entry points and tracking calls with names resolved across files.
 */
export function linkAnalysis(store: FactsStore, knownFlagKeys: readonly string[]): Analysis {
  return drain(linkAnalysisSteps(store, knownFlagKeys));
}

/** `linkAnalysis` in steps (core/steps.ts): between batches of files and between its phases. */
export function* linkAnalysisSteps(
  store: FactsStore,
  knownFlagKeys: readonly string[],
  sizes: StepSizes = STEP_SIZES,
): Steps<Analysis> {
  const perStep = sizes.linkFiles;
  const facts = new Map<string, FileFacts>();
  const full = new Set<string>();
  let done = 0;
  for (const file of store.sourceFiles) {
    if (++done % perStep === 0) yield 'link';
    const f = store.candidate(file);
    if (!f) continue;
    facts.set(file, f);
    full.add(file);
  }
  yield 'link';
  const candidates = full.size;
  let onDemand = 0;
  const factsOf = (file: string): FileFacts | undefined => {
    let f = facts.get(file);
    if (!f) {
      f = store.exportsOf(file);
      if (!f) return undefined;
      facts.set(file, f);
      onDemand++;
    }
    return f;
  };
  const extract = (file: string) => {
    const f = store.full(file);
    if (!f) return;
    facts.set(file, f);
    full.add(file);
  };
  const linker = new Linker(factsOf, store.resolver);
  const discovery = yield* discoverWrappersSteps(
    {
      files: store.sourceFiles,
      wordsOf: (file) => store.wordsOf(file),
      full,
      facts,
      factsOf,
      modules: store.resolver,
      linker,
      extract,
    },
    sizes,
  );
  yield 'link';
  const report = reportWrappers(discovery, facts, linker);
  yield 'link';
  const entryPoints: EntryPoint[] = [...report.entryPoints];
  const trackingCalls: TrackingCall[] = [...report.trackingCalls];
  const parseErrors: ParseError[] = [];
  done = 0;
  for (const f of [...facts.values()]) {
    if (++done % perStep === 0) yield 'link';
    if (f.parseError) parseErrors.push(f.parseError);
    for (const raw of f.entryPoints) {
      if (!report.skip.has(raw))
        entryPoints.push(withWrapper(linkEntryPoint(raw, f.file, linker), report.through.get(raw)));
    }
    for (const raw of f.trackingCalls) {
      if (!report.skip.has(raw))
        trackingCalls.push(withWrapper(linkTrackingCall(raw, f.file, linker), report.through.get(raw)));
    }
  }
  mapCamelCasedKeys(entryPoints, knownFlagKeys);
  return {
    entryPoints: entryPoints.sort(byLocation),
    trackingCalls: trackingCalls.sort(byLocation),
    parseErrors: parseErrors.sort((a, b) => compare(a.file, b.file) || a.line - b.line),
    wrappers: report.wrappers,
    wrapperInternals: report.internals.sort(byLocation),
    facts,
    stats: { candidates, onDemand, wrapperCandidates: full.size - candidates },
  };
}

function withWrapper<T extends { wrapper?: WrapperRef }>(record: T, wrapper: WrapperRef | undefined): T {
  if (wrapper) record.wrapper = wrapper;
  return record;
}

function linkEntryPoint(raw: RawEntryPoint, file: string, linker: Linker): EntryPoint {
  const resolved = linker.resolve(raw.key, file);
  const base = {
    file,
    span: raw.span,
    keySpan: raw.keySpan,
    sdk: raw.sdk,
    callee: raw.callee,
    autoExposure: raw.autoExposure,
  };
  if (!resolved) return { ...base, feature: null, expression: raw.keyText };
  const ep: EntryPoint = { ...base, feature: resolved.value, resolvedFrom: resolved.via };
  if (raw.camelCase) ep.camelCasedKey = resolved.value;
  return ep;
}

function linkTrackingCall(raw: RawTrackingCall, file: string, linker: Linker): TrackingCall {
  const resolved = linker.resolve(raw.name, file);
  const base = {
    file,
    span: raw.span,
    nameSpan: raw.nameSpan,
    sdk: raw.sdk,
    callee: raw.callee,
    kind: raw.kind,
  };
  const call: TrackingCall = resolved
    ? { event: resolved.value, ...base, resolvedFrom: resolved.via }
    : { event: null, ...base, expression: raw.nameText };
  if (raw.properties) call.properties = raw.properties;
  return call;
}

/**
 * LaunchDarkly's React SDK exposes `checkout-v2` as `checkoutV2`. When some other entry point or the
 * plan names a key that camel-cases to what the code reads, report that key; otherwise keep the
 * name as written (the original cannot be recovered from the camel-cased form alone).
 */
function mapCamelCasedKeys(entryPoints: EntryPoint[], knownKeys: readonly string[]): void {
  const byCamel = new Map<string, string>();
  const rawKeys = [
    ...knownKeys,
    ...entryPoints.filter((e) => !e.camelCasedKey && e.feature).map((e) => e.feature!),
  ];
  for (const key of rawKeys) {
    const camel = camelCaseFlagKey(key);
    if (camel !== key && !byCamel.has(camel)) byCamel.set(camel, key);
  }
  for (const ep of entryPoints) {
    if (!ep.camelCasedKey) continue;
    const original = byCamel.get(ep.camelCasedKey);
    if (original) ep.feature = original;
    else delete ep.camelCasedKey; // nothing to map back to: the key is what the code says
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byLocation<T extends { file: string; span: { startOffset: number } }>(a: T, b: T): number {
  return compare(a.file, b.file) || a.span.startOffset - b.span.startOffset;
}
