// Turns the wrapper pass into results: the wrappers themselves (explainable: argument, prefix,
// suffix, the chain of calls down to the SDK), tracking calls and flag checks at their call sites,
// and the wrappers' own SDK calls as internals. Also says which per-file records the wrapper pass
// replaces, so the scan does not report a call twice.
import type { FileFacts, RawEntryPoint, RawTrackingCall } from '../extract';
import type { Linker } from '../link';
import type { EntryPoint, Span, TrackingCall, Wrapper, WrapperInternal, WrapperRef } from '../types';
import type { Val } from '../values';
import type { Part, WrapperCall, WrapperDiscovery, WrapperRecord } from './discover';

export interface WrapperReport {
  wrappers: Wrapper[];
  internals: WrapperInternal[];
  trackingCalls: TrackingCall[];
  entryPoints: EntryPoint[];
  /** Per-file records that are wrapper internals, or that a wrapper call site replaces. */
  skip: Set<RawTrackingCall | RawEntryPoint>;
  /** Per-file records (plan-declared callees) that are also calls to a discovered wrapper. */
  through: Map<RawTrackingCall | RawEntryPoint, WrapperRef>;
}

type Raw = RawTrackingCall | RawEntryPoint;

export function reportWrappers(
  discovery: WrapperDiscovery,
  facts: ReadonlyMap<string, FileFacts>,
  linker: Linker,
): WrapperReport {
  const refs = new Map<WrapperRecord, WrapperRef>();
  const wrappers: Wrapper[] = [];
  const publicOf = new Map<WrapperRecord, Wrapper>();
  const functionOf = (w: WrapperRecord) => facts.get(w.file)?.wrappers?.functions[w.id];
  for (const record of discovery.wrapperList()) {
    const fn = functionOf(record);
    if (!fn) continue;
    const wrapper = publicWrapper(record, fn.proxy ?? fn.name, fn.span, fn.proxy !== undefined);
    wrappers.push(wrapper);
    publicOf.set(record, wrapper);
    refs.set(record, { name: wrapper.name, file: wrapper.file, line: wrapper.span.start.line });
  }
  const out: WrapperReport = {
    wrappers: wrappers.sort((a, b) => compare(a.file, b.file) || a.span.startOffset - b.span.startOffset),
    internals: [],
    trackingCalls: [],
    entryPoints: [],
    skip: new Set(),
    through: new Map(),
  };
  const internalAt = new Set<string>();
  for (const internal of discovery.internalList()) {
    const ref = refs.get(internal.wrapper);
    if (!ref) continue;
    const raw = internal.raw;
    out.skip.add(raw);
    const at = `${spanKey(internal.file, raw.span)}#${internal.kind}`;
    if (internalAt.has(at)) continue;
    internalAt.add(at);
    out.internals.push({
      file: internal.file,
      span: raw.span,
      kind: internal.kind,
      callee: raw.callee,
      sdk: raw.sdk,
      expression: 'nameText' in raw ? raw.nameText : raw.keyText,
      wrapper: ref,
    });
  }
  const raws = rawsBySpan(facts);
  for (const site of discovery.sites()) {
    const ref = refs.get(site.wrapper);
    if (!ref) continue;
    const at = spanKey(site.file, site.call.span);
    if (site.ownerId !== undefined) {
      const owner = site.owner && refs.get(site.owner);
      if (!owner || internalAt.has(`${at}#${site.wrapper.kind}`)) continue;
      internalAt.add(`${at}#${site.wrapper.kind}`);
      out.internals.push({
        file: site.file,
        span: site.call.span,
        kind: site.wrapper.kind,
        callee: site.call.calleeText,
        sdk: 'custom',
        expression: site.expression,
        wrapper: owner,
      });
      continue;
    }
    const same = (raws.get(at) ?? []).filter((r) => 'name' in r === (site.wrapper.kind === 'tracking'));
    const declared = same.filter((r) => r.sdk === 'custom' && !('container' in r && r.container));
    if (declared.length) {
      // The plan said what this callee is: its word stands, the hover can still say what it wraps.
      for (const r of declared) out.through.set(r, ref);
      publicOf.get(site.wrapper)!.calls++;
      continue;
    }
    // The program connects the callee to a wrapper: that beats a guess from the receiver's name.
    for (const r of same) out.skip.add(r);
    publicOf.get(site.wrapper)!.calls++;
    if (site.wrapper.kind === 'tracking') out.trackingCalls.push(trackingCall(site, ref, linker));
    else out.entryPoints.push(entryPoint(site, ref));
  }
  return out;
}

function publicWrapper(record: WrapperRecord, name: string, span: Span, proxy: boolean): Wrapper {
  const params = record.template.filter((p): p is Extract<Part, { param: number }> => 'param' in p);
  const unknown = record.template.some((p) => 'unknown' in p);
  const w: Wrapper = { name, file: record.file, span, kind: record.kind } as Wrapper;
  if (proxy) w.proxy = true;
  else if (params[0]) {
    w.argument = params[0].param;
    if (params[0].path.length) w.property = params[0].path.join('.');
  }
  if (params.length === 1 && !unknown) {
    const at = record.template.indexOf(params[0]!);
    const prefix = record.template
      .slice(0, at)
      .map((p) => ('s' in p ? p.s : ''))
      .join('');
    const suffix = record.template
      .slice(at + 1)
      .map((p) => ('s' in p ? p.s : ''))
      .join('');
    if (prefix) w.prefix = prefix;
    if (suffix) w.suffix = suffix;
  } else {
    w.template = record.template
      .map((p) => ('s' in p ? p.s : 'param' in p ? `\${${[p.param, ...p.path].join('.')}}` : '${?}'))
      .join('');
  }
  w.sdk = record.sdk;
  if (record.kind === 'tracking') w.trackingKind = record.trackingKind;
  else w.autoExposure = record.autoExposure;
  w.via = record.via;
  w.calls = 0;
  return w;
}

function resolvedName(site: WrapperCall): string | null {
  return site.parts.every((p) => 's' in p) ? site.parts.map((p) => (p as { s: string }).s).join('') : null;
}

function trackingCall(site: WrapperCall, wrapper: WrapperRef, linker: Linker): TrackingCall {
  const event = resolvedName(site);
  const call: TrackingCall = {
    event,
    file: site.file,
    span: site.call.span,
    nameSpan: site.nameSpan,
    sdk: 'custom',
    callee: site.call.calleeText,
    kind: site.wrapper.trackingKind,
  };
  if (event !== null) call.resolvedFrom = site.via;
  else call.expression = site.expression;
  const properties = staticProperties(site.propertiesArg, site.file, linker, site.nameProperty);
  if (properties) call.properties = properties;
  call.wrapper = wrapper;
  return call;
}

function entryPoint(site: WrapperCall, wrapper: WrapperRef): EntryPoint {
  const feature = resolvedName(site);
  const ep: EntryPoint = {
    feature,
    file: site.file,
    span: site.call.span,
    keySpan: site.nameSpan,
    sdk: 'custom',
    callee: site.call.calleeText,
    autoExposure: site.wrapper.autoExposure,
  };
  if (feature !== null) ep.resolvedFrom = site.via;
  else ep.expression = site.expression;
  ep.wrapper = wrapper;
  return ep;
}

/** String properties of the event's properties object (`properties`/`props` nest them). */
function staticProperties(
  val: Val | undefined,
  file: string,
  linker: Linker,
  nameProperty?: string,
): Record<string, string> | undefined {
  if (val?.k !== 'obj') return undefined;
  const nested = val.props.properties ?? val.props.props;
  const props = nested?.k === 'obj' ? nested.props : val.props;
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(props)) {
    if (props === val.props && key === nameProperty) continue;
    const resolved = linker.resolve(v, file);
    if (resolved) out[key] = resolved.value;
  }
  return Object.keys(out).length ? out : undefined;
}

function rawsBySpan(facts: ReadonlyMap<string, FileFacts>): Map<string, Raw[]> {
  const out = new Map<string, Raw[]>();
  for (const f of facts.values()) {
    for (const raw of [...f.trackingCalls, ...f.entryPoints]) {
      const at = spanKey(f.file, raw.span);
      const list = out.get(at);
      if (list) list.push(raw);
      else out.set(at, [raw]);
    }
  }
  return out;
}

function spanKey(file: string, span: Span): string {
  return `${file}:${span.startOffset}:${span.endOffset}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
