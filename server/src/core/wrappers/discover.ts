// The workspace pass of wrapper discovery. A function is a wrapper when one of its parameters flows
// into the name of an SDK call (or a plan-declared callee, or a flag container read) — a direct
// sink — or into the name argument of a call to another wrapper. The second rule is applied until
// nothing changes (wrappers of wrappers, across files). Then every call whose callee resolves to a
// wrapper is a tracking call or flag check, its name built from the wrapper's template.
import type { FileFacts, RawEntryPoint, RawTrackingCall } from '../extract';
import type { Linker } from '../link';
import type {
  FlagSdk,
  ResolvedFrom,
  Span,
  TrackingKind,
  TrackingSdk,
  WrapperKind,
  WrapperStep,
} from '../types';
import { member, strongerVia, UNKNOWN, type Val } from '../values';
import { type CallFacts, HOLDS_FUNCTIONS } from './facts';
import type { Shape, ShapeResolver } from './resolve';
import { drain, STEP_SIZES, type Steps } from '../steps';

/** A piece of a name: a known string, a parameter of the owning function, or something unknown. */
export type Part = { s: string } | { fn: number; param: number; path: string[] } | { unknown: true };

export interface WrapperRecord {
  file: string;
  id: number;
  kind: WrapperKind;
  /** The name in terms of the wrapper's parameters. */
  template: Part[];
  sdk: TrackingSdk | FlagSdk;
  trackingKind: TrackingKind;
  autoExposure: boolean;
  via: WrapperStep[];
}

/** A call whose callee resolved to a wrapper, with the name it sends (in the caller's terms). */
export interface WrapperCall {
  file: string;
  call: CallFacts;
  wrapper: WrapperRecord;
  parts: Part[];
  via: ResolvedFrom;
  /** Where the name is written: the argument (or its property) the first parameter takes. */
  nameSpan: Span;
  expression: string;
  /** The argument after the name, or the object the name was a property of. */
  propertiesArg?: Val;
  /** When the name is a property of an object argument: that property (not an event property). */
  nameProperty?: string;
  /** For calls inside another wrapper: that function, and the wrapper it is (the call is one of its internals). */
  ownerId?: number;
  owner?: WrapperRecord;
}

/** An SDK call inside a wrapper whose name is the wrapper's parameter. */
export interface InternalRecord {
  file: string;
  raw: RawTrackingCall | RawEntryPoint;
  kind: WrapperKind;
  wrapper: WrapperRecord;
}

export class WrapperDiscovery {
  private readonly wrappers = new Map<string, WrapperRecord>();
  private readonly internals: InternalRecord[] = [];
  private readonly shapes = new Map<CallFacts, Shape | null>();
  /** Export names of the analysed files that could be a function or hold one. */
  private readonly relevantNames = new Set<string>();

  constructor(
    /** Files extracted in full (their calls and SDK calls are known). */
    private readonly files: readonly FileFacts[],
    private readonly resolver: ShapeResolver,
    private readonly linker: Linker,
  ) {
    for (const f of files) {
      for (const [name, val] of Object.entries(f.exports))
        if (HOLDS_FUNCTIONS.has(val.k)) this.relevantNames.add(name);
    }
  }

  run(): void {
    drain(this.runSteps());
  }

  /** `run` in steps (core/steps.ts): yields between batches of `perStep` files or call sites. */
  *runSteps(perStep = STEP_SIZES.discoveryItems): Steps<void> {
    // SDK calls first, then calls to wrappers (wrappers of wrappers), then plan-declared callees:
    // when a declared callee is itself a discovered wrapper, the chain down to the SDK is the
    // better explanation.
    yield* this.directSinks((sdk) => sdk !== 'custom', perStep);
    yield* this.callSinks(perStep);
    yield* this.directSinks((sdk) => sdk === 'custom', perStep);
    yield* this.callSinks(perStep);
  }

  private *directSinks(accept: (sdk: string) => boolean, perStep: number): Steps<void> {
    let done = 0;
    for (const f of this.files) {
      if (++done % perStep === 0) yield 'discovery round';
      for (const raw of f.trackingCalls) if (accept(raw.sdk)) this.directSink(f, raw, 'tracking');
      for (const raw of f.entryPoints) if (accept(raw.sdk)) this.directSink(f, raw, 'flag');
    }
  }

  /** Until nothing changes: a pass only adds wrappers, and a function holds one per kind. */
  private *callSinks(perStep: number): Steps<void> {
    let done = 0;
    for (let changed = true; changed;) {
      changed = false;
      for (const site of this.sites()) {
        if (++done % perStep === 0) yield 'discovery round';
        if (site.ownerId === undefined) continue;
        const k = key(site.file, site.ownerId, site.wrapper.kind);
        if (this.wrappers.has(k)) continue;
        const step: WrapperStep = {
          callee: site.call.calleeText,
          file: site.file,
          line: site.call.span.start.line,
        };
        this.wrappers.set(k, {
          ...site.wrapper,
          file: site.file,
          id: site.ownerId,
          template: restrict(site.parts, site.ownerId),
          via: [step, ...site.wrapper.via],
        });
        changed = true;
      }
    }
  }

  wrapperList(): WrapperRecord[] {
    return [...this.wrappers.values()];
  }

  internalList(): InternalRecord[] {
    return this.internals;
  }

  wrapperOf(file: string, id: number, kind: WrapperKind): WrapperRecord | undefined {
    return this.wrappers.get(key(file, id, kind));
  }

  /** Every call of the analysed files to a wrapper, with the name it sends. */
  *sites(): Generator<WrapperCall> {
    for (const f of this.files) {
      for (const call of f.wrappers?.calls ?? []) {
        const shape = this.shapeOf(f.file, call);
        if (!shape) continue;
        for (const target of this.targets(shape)) {
          if (call.read && target.wrapper.kind !== 'flag') continue; // reading a tracker sends nothing
          const site = this.site(f.file, call, target.wrapper, target.proxyName);
          const owner = ownerOf(site.parts, f);
          if (owner !== null) {
            site.ownerId = owner;
            const wrapper = this.wrappers.get(key(f.file, owner, target.wrapper.kind));
            if (wrapper) site.owner = wrapper;
          }
          yield site;
        }
      }
    }
  }

  /**
   * Names through which other files can reach a wrapper: exports that are wrappers, or hooks,
   * factories, objects, classes or proxies that hold one; `default` exports add the file's name.
   */
  reachWords(): Set<string> {
    const words = new Set<string>();
    for (const f of this.files) {
      for (const [name, val] of Object.entries(f.exports)) {
        if (!HOLDS_FUNCTIONS.has(val.k) || !this.leadsToWrapper(this.resolver.resolve(val, f.file), 0))
          continue;
        if (name !== 'default') words.add(name);
        else for (const word of fileWords(f.file)) words.add(word);
      }
    }
    return words;
  }

  // ---- sinks ---------------------------------------------------------------------------------

  private directSink(f: FileFacts, raw: RawTrackingCall | RawEntryPoint, kind: WrapperKind): void {
    const val = 'name' in raw ? raw.name : raw.key;
    const parts = this.parts(val, f.file);
    const owner = ownerOf(parts, f);
    if (owner === null) return;
    const k = key(f.file, owner, kind);
    let wrapper = this.wrappers.get(k);
    if (!wrapper) {
      wrapper = {
        file: f.file,
        id: owner,
        kind,
        template: restrict(parts, owner),
        sdk: raw.sdk,
        trackingKind: 'kind' in raw ? raw.kind : 'track',
        autoExposure: 'autoExposure' in raw ? raw.autoExposure : false,
        via: [{ callee: raw.callee, file: f.file, line: raw.span.start.line, sdk: raw.sdk }],
      };
      this.wrappers.set(k, wrapper);
    }
    this.internals.push({ file: f.file, raw, kind, wrapper });
  }

  private shapeOf(file: string, call: CallFacts): Shape | null {
    if (this.shapes.has(call)) return this.shapes.get(call)!;
    const shape = this.mayReachWrapper(call.callee) ? this.resolver.resolve(call.callee, file) : null;
    this.shapes.set(call, shape);
    return shape;
  }

  /**
   * Skips imports whose names no analysed file exports as a function (or a holder of one), so that
   * resolving calls to utilities does not parse their modules. Sound because a module that defines
   * or re-exports a wrapper under a new name is itself analysed (it mentions the wrapper's name).
   */
  private mayReachWrapper(callee: Val): boolean {
    let root = callee;
    while (root.k === 'call' || root.k === 'new' || root.k === 'prop')
      root = root.k === 'prop' ? root.of : root.callee;
    if (root.k !== 'import') return true;
    return this.relevantNames.has(root.name) || root.path.some((p) => this.relevantNames.has(p));
  }

  private targets(shape: Shape): { wrapper: WrapperRecord; proxyName?: string }[] {
    let fn: Shape | null = shape;
    let proxyName: string | undefined;
    if (shape.k === 'proxyProp') {
      fn = this.resolver.resolve(shape.get, shape.file);
      proxyName = shape.name;
    }
    if (fn?.k !== 'fn') return [];
    const out: { wrapper: WrapperRecord; proxyName?: string }[] = [];
    for (const kind of ['tracking', 'flag'] as const) {
      const wrapper = this.wrappers.get(key(fn.file, fn.id, kind));
      // A Proxy's trap takes the property name second: `get(target, name)`.
      if (
        wrapper &&
        (proxyName === undefined || wrapper.template.some((p) => 'param' in p && p.param === 1))
      ) {
        out.push(proxyName === undefined ? { wrapper } : { wrapper, proxyName });
      }
    }
    return out;
  }

  /** The name a call to `wrapper` sends, in the caller's terms. */
  private site(file: string, call: CallFacts, wrapper: WrapperRecord, proxyName?: string): WrapperCall {
    const parts: Part[] = [];
    let via: ResolvedFrom = wrapper.template.some((p) => 's' in p) ? 'template' : 'literal';
    let first: { arg: number; path: string[] } | undefined;
    const texts: string[] = [];
    for (const part of wrapper.template) {
      if (!('param' in part)) {
        parts.push(part);
        continue;
      }
      if (proxyName !== undefined) {
        parts.push(part.param === 1 && part.path.length === 0 ? { s: proxyName } : { unknown: true });
        continue;
      }
      first ??= { arg: part.param, path: part.path };
      const arg = call.args[part.param];
      if (!arg) {
        parts.push({ unknown: true });
        continue;
      }
      const text = (part.path.length ? arg.props?.[part.path[0]!]?.text : undefined) ?? arg.text;
      if (!texts.includes(text)) texts.push(text);
      // A property of an object literal argument is as direct as the argument itself.
      const [head, ...rest] = part.path;
      let val =
        head !== undefined && arg.props && arg.val.k === 'obj' ? (arg.val.props[head] ?? UNKNOWN) : arg.val;
      for (const prop of head !== undefined && arg.props && arg.val.k === 'obj' ? rest : part.path)
        val = member(val, prop);
      via = strongerVia(via, viaOf(val));
      parts.push(...this.parts(val, file));
    }
    const where = first && call.args[first.arg];
    const prop = where && first!.path.length ? where.props?.[first!.path[0]!] : undefined;
    const site: WrapperCall = {
      file,
      call,
      wrapper,
      parts: merge(parts),
      via,
      nameSpan: prop?.span ?? where?.span ?? call.span,
      expression: texts.length ? texts.join(', ') : call.calleeText,
    };
    // The properties object: after the name argument, or the object the name was read from.
    const propsArg =
      proxyName !== undefined
        ? call.args[0]
        : first && first.path.length
          ? call.args[first.arg]
          : first
            ? call.args[first.arg + 1]
            : undefined;
    if (propsArg) site.propertiesArg = propsArg.val;
    if (first?.path.length) site.nameProperty = first.path[0]!;
    return site;
  }

  /** A name value as parts: strings (constants resolved across files), parameters, unknowns. */
  private parts(val: Val, file: string): Part[] {
    switch (val.k) {
      case 'str':
        return [{ s: val.v }];
      case 'param':
        return [{ fn: val.fn, param: val.index, path: val.path }];
      case 'concat':
        return merge(val.parts.flatMap((p) => this.parts(p, file)));
      case 'import': {
        const resolved = this.linker.resolve(val, file);
        return [resolved ? { s: resolved.value } : { unknown: true }];
      }
      default:
        return [{ unknown: true }];
    }
  }

  private leadsToWrapper(shape: Shape | null, depth: number): boolean {
    if (!shape || depth > 8) return false;
    const any = (props: Record<string, Val>) =>
      Object.values(props).some((v) => this.leadsToWrapper(this.resolver.resolve(v, shape.file), depth + 1));
    switch (shape.k) {
      case 'fn':
        return (
          this.wrappers.has(key(shape.file, shape.id, 'tracking')) ||
          this.wrappers.has(key(shape.file, shape.id, 'flag')) ||
          (this.resolver.functionFacts(shape.file, shape.id)?.returns ?? []).some((r) =>
            this.leadsToWrapper(this.resolver.resolve(r, shape.file), depth + 1),
          )
        );
      case 'obj':
        return any(shape.props);
      case 'class':
        return any(shape.statics) || any(shape.proto);
      case 'instance':
        return any(shape.proto);
      case 'proxy':
      case 'proxyProp':
        return this.leadsToWrapper(this.resolver.resolve(shape.get, shape.file), depth + 1);
    }
  }
}

// ---- helpers ---------------------------------------------------------------------------------

function key(file: string, id: number, kind: WrapperKind): string {
  return `${file}#${id}#${kind}`;
}

/**
 * The function a name belongs to: the innermost one whose parameters it uses (a closure may also
 * use an outer function's parameters, which are then unknown to callers of the inner one).
 */
function ownerOf(parts: Part[], facts: FileFacts): number | null {
  let owner: number | null = null;
  let start = -1;
  for (const part of parts) {
    if (!('param' in part)) continue;
    const at = facts.wrappers?.functions[part.fn]?.span.startOffset ?? -1;
    if (owner === null || at > start) {
      owner = part.fn;
      start = at;
    }
  }
  return owner;
}

function restrict(parts: Part[], owner: number): Part[] {
  return merge(parts.map((p) => ('param' in p && p.fn !== owner ? { unknown: true as const } : p)));
}

/** Joins adjacent strings. */
function merge(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if ('s' in part && last && 's' in last) out[out.length - 1] = { s: last.s + part.s };
    else if (!('s' in part) || part.s) out.push(part);
  }
  return out;
}

function viaOf(val: Val): ResolvedFrom {
  switch (val.k) {
    case 'str':
      return val.via;
    case 'import':
      return 'import';
    case 'concat':
      return val.parts.reduce<ResolvedFrom>((acc, p) => strongerVia(acc, viaOf(p)), 'template');
    default:
      return 'literal';
  }
}

/** Words an import of a file's default export must spell: its name, or its folder's for an index. */
function fileWords(file: string): string[] {
  const parts = file.split('/');
  const base = parts[parts.length - 1]!.replace(/\.[^.]+$/, '');
  return base === 'index' && parts.length > 1 ? [parts[parts.length - 2]!] : [base];
}
