// Whole-workspace analysis: pre-filter, extract candidate files, parse the files the resolver needs on
// demand, link names across files, and map camel-cased flag keys back to the keys they came from.
import { moduleClassifier } from './catalogue';
import type { AnalysisConfig } from './config';
import { extractFile, type FileFacts, type RawEntryPoint, type RawTrackingCall } from './extract';
import { camelCaseFlagKey } from './keys';
import { Linker } from './link';
import { type ModuleHost, ModuleResolver } from './modules';
import { buildPrefilter } from './prefilter';
import type { EntryPoint, ParseError, TrackingCall } from './types';

export interface ScanInput {
  /** Every source file of the workspace (workspace-relative, `/`-separated). */
  files: readonly string[];
  host: ModuleHost;
  config: AnalysisConfig;
  /** Flag keys known from elsewhere (the plan), used to map camel-cased keys back. */
  knownFlagKeys?: readonly string[];
}

export interface Analysis {
  entryPoints: EntryPoint[];
  trackingCalls: TrackingCall[];
  parseErrors: ParseError[];
  /** Per-file facts of every file that was parsed (candidates and on-demand). */
  facts: ReadonlyMap<string, FileFacts>;
  /** How many files passed the pre-filter, and how many more the resolver parsed on demand. */
  stats: { candidates: number; onDemand: number };
}

export function scanWorkspace(input: ScanInput): Analysis {
  const { files, host, config } = input;
  const modules = new ModuleResolver(host);
  const classifyModule = moduleClassifier(modules.projectPrefixes(files));
  const prefilter = buildPrefilter(config);
  const resolveModule = (from: string, spec: string) => modules.resolve(from, spec);
  const facts = new Map<string, FileFacts>();
  let candidates = 0;
  for (const file of files) {
    const text = host.readFile(file);
    if (text === undefined || !prefilter.test(text)) continue;
    candidates++;
    facts.set(file, extractFile(file, text, { config, classifyModule, resolveModule }));
  }
  let onDemand = 0;
  const factsOf = (file: string): FileFacts | undefined => {
    let f = facts.get(file);
    if (!f) {
      const text = host.readFile(file);
      if (text === undefined) return undefined;
      f = extractFile(file, text, { config, classifyModule, exportsOnly: true });
      facts.set(file, f);
      onDemand++;
    }
    return f;
  };
  const linker = new Linker(factsOf, modules);
  const entryPoints: EntryPoint[] = [];
  const trackingCalls: TrackingCall[] = [];
  const parseErrors: ParseError[] = [];
  for (const f of [...facts.values()]) {
    if (f.parseError) parseErrors.push(f.parseError);
    for (const raw of f.entryPoints) entryPoints.push(linkEntryPoint(raw, f.file, linker));
    for (const raw of f.trackingCalls) trackingCalls.push(linkTrackingCall(raw, f.file, linker));
  }
  mapCamelCasedKeys(entryPoints, input.knownFlagKeys ?? []);
  return {
    entryPoints: entryPoints.sort(byLocation),
    trackingCalls: trackingCalls.sort(byLocation),
    parseErrors: parseErrors.sort((a, b) => compare(a.file, b.file) || a.line - b.line),
    facts,
    stats: { candidates, onDemand },
  };
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
