// Which flag checks gate a given place in the workspace. Per-file regions come from the extraction
// (gates.ts); this pass follows gated code into the components and functions it renders or calls:
// a function is gated by a feature when every place that uses it (outside tests and stories) is
// itself inside a branch gated by that feature — so a child component rendered only inside the gated
// branch is part of the feature, and a shared `<Button>` rendered everywhere is not. Only branches
// propagate: a child rendered unconditionally by the component that checks the flag is not gated.
import type { FileFacts } from '../extract';
import type { FunctionFact, GateRegion, UseFact, UseTarget } from '../gates';
import type { EntryPoint } from '../types';
import type { ThroughStep } from './types';

export interface GateHit {
  /** The gating check's feature key (flag key or annotation). */
  key: string;
  entryPoint: EntryPoint;
  kind: 'gated-branch' | 'same-function';
  /** The region of the check that covers the place, or the one covering the first step of `through`. */
  region: GateRegion;
  through: ThroughStep[];
}

export interface GatingInput {
  entryPoints: readonly EntryPoint[];
  /** Facts with gates of a file, extracting it on demand when the scan did not parse it. */
  factsOf(file: string): FileFacts | undefined;
  resolveModule(fromFile: string, spec: string): string | undefined;
  /** Every source file in scope and a reader for their text (to find uses in files the scan skipped). */
  files: readonly string[];
  readFile(file: string): string | undefined;
  /** Files already parsed with gates. */
  parsedFiles: Iterable<string>;
}

interface Direct {
  entryPoint: EntryPoint;
  key: string;
  region: GateRegion;
}

interface Fn {
  id: string;
  file: string;
  fact: FunctionFact;
}

interface Accepted {
  through: ThroughStep[];
  entryPoint: EntryPoint;
  region: GateRegion;
}

interface Coverage extends Accepted {
  size: number;
}

/** Uses in tests and stories do not count: they are not the product's runtime. */
const NOT_RUNTIME = /(^|\/)(__tests__|__mocks__|__stories__)\/|\.(test|spec|stories|story)\.[cm]?[jt]sx?$/;
const MAX_RESOLVE_DEPTH = 16;

export class GatingIndex {
  private readonly direct = new Map<string, Direct[]>();
  private readonly functions = new Map<string, Fn>();
  private readonly usesOf = new Map<string, { file: string; use: UseFact }[]>();
  /** Per feature key: accepted functions by id. */
  private readonly accepted = new Map<string, Map<string, Accepted>>();
  private readonly known = new Set<string>();

  constructor(private readonly input: GatingInput) {
    for (const ep of input.entryPoints) {
      if (ep.feature === null) continue;
      const entry = input
        .factsOf(ep.file)
        ?.gates?.entries.find((e) => e.start === ep.span.startOffset && e.end === ep.span.endOffset);
      for (const region of entry?.regions ?? []) {
        const list = this.direct.get(ep.file) ?? [];
        list.push({ entryPoint: ep, key: ep.feature, region });
        this.direct.set(ep.file, list);
      }
    }
    for (const file of input.parsedFiles) this.known.add(file);
    const candidates = this.candidates();
    if (candidates.size === 0) return;
    this.findUses(candidates);
    for (const key of new Set([...this.direct.values()].flat().map((d) => d.key))) {
      this.accepted.set(key, this.acceptFor(key, candidates));
    }
  }

  /** The innermost gates of a place: strong gates (branches) beat `same-function`, then the smallest wins. */
  hitsAt(file: string, offset: number): GateHit[] {
    const hits: (GateHit & { size: number })[] = [];
    for (const d of this.direct.get(file) ?? []) {
      if (offset < d.region.start || offset >= d.region.end) continue;
      hits.push({
        key: d.key,
        entryPoint: d.entryPoint,
        kind: d.region.kind === 'function' ? 'same-function' : 'gated-branch',
        region: d.region,
        through: [],
        size: d.region.end - d.region.start,
      });
    }
    for (const [key, fns] of this.accepted) {
      for (const [id, a] of fns) {
        const fn = this.functions.get(id)!;
        if (fn.file !== file || offset < fn.fact.start || offset >= fn.fact.end) continue;
        hits.push({
          key,
          entryPoint: a.entryPoint,
          kind: 'gated-branch',
          region: a.region,
          through: a.through,
          size: fn.fact.end - fn.fact.start,
        });
      }
    }
    const strong = hits.filter((h) => h.kind === 'gated-branch');
    const tier = strong.length ? strong : hits;
    const min = Math.min(...tier.map((h) => h.size));
    return tier.filter((h) => h.size === min).map(({ size: _size, ...hit }) => hit);
  }

  // ---- functions reached from gated code --------------------------------------------------------

  /** Every function used inside some gated region, and, transitively, the functions they use. */
  private candidates(): Set<string> {
    const out = new Set<string>();
    const queue: string[] = [];
    const visit = (file: string, start: number, end: number) => {
      for (const use of this.input.factsOf(file)?.gates?.uses ?? []) {
        if (use.span.startOffset < start || use.span.startOffset >= end) continue;
        const id = this.resolveUse(file, use.target);
        if (id && !out.has(id)) {
          out.add(id);
          queue.push(id);
        }
      }
    };
    for (const [file, list] of this.direct)
      for (const d of list) if (d.region.kind !== 'function') visit(file, d.region.start, d.region.end);
    while (queue.length) {
      const fn = this.functions.get(queue.shift()!)!;
      visit(fn.file, fn.fact.start, fn.fact.end);
    }
    return out;
  }

  /** All runtime uses of the candidates, also in files the scan did not parse (found by their names). */
  private findUses(candidates: Set<string>): void {
    const names = new Set<string>();
    for (const id of candidates) {
      const fn = this.functions.get(id)!;
      names.add(fn.fact.name);
      for (const e of fn.fact.exportedAs) if (e !== 'default') names.add(e);
      // A default export is imported under any name: look for its module's name instead.
      if (fn.fact.exportedAs.includes('default')) names.add(basename(fn.file));
    }
    const pattern = new RegExp(`\\b(${[...names].map(escapeRegExp).join('|')})\\b`);
    for (const file of this.input.files) {
      if (this.known.has(file) || NOT_RUNTIME.test(file)) continue;
      const text = this.input.readFile(file);
      if (text !== undefined && pattern.test(text)) this.known.add(file);
    }
    for (const file of this.known) {
      if (NOT_RUNTIME.test(file)) continue;
      for (const use of this.input.factsOf(file)?.gates?.uses ?? []) {
        const id = this.resolveUse(file, use.target);
        if (!id || !candidates.has(id)) continue;
        const list = this.usesOf.get(id) ?? [];
        list.push({ file, use });
        this.usesOf.set(id, list);
      }
    }
  }

  /** The least fixpoint: accept a function once all its uses are covered by the feature. */
  private acceptFor(key: string, candidates: Set<string>): Map<string, Accepted> {
    const accepted = new Map<string, Accepted>();
    let changed = true;
    while (changed) {
      changed = false;
      for (const id of candidates) {
        if (accepted.has(id)) continue;
        const fn = this.functions.get(id)!;
        const uses = (this.usesOf.get(id) ?? []).filter(
          (u) =>
            !(
              u.file === fn.file &&
              u.use.span.startOffset >= fn.fact.start &&
              u.use.span.endOffset <= fn.fact.end
            ),
        );
        if (uses.length === 0) continue;
        const covers = uses.map((u) => this.coverage(key, accepted, u.file, u.use.span.startOffset));
        if (covers.some((c) => c === undefined)) continue;
        const first = covers[0]!;
        const use = uses[0]!;
        accepted.set(id, {
          entryPoint: first.entryPoint,
          region: first.region,
          through: [...first.through, { name: use.use.name, file: use.file, span: use.use.span }],
        });
        changed = true;
      }
    }
    return accepted;
  }

  /** How a place is inside a feature's branches: the innermost of its regions or accepted functions there. */
  private coverage(
    key: string,
    accepted: Map<string, Accepted>,
    file: string,
    offset: number,
  ): Coverage | undefined {
    const options: Coverage[] = [];
    for (const d of this.direct.get(file) ?? []) {
      if (d.key !== key || d.region.kind === 'function' || offset < d.region.start || offset >= d.region.end)
        continue;
      options.push({
        through: [],
        entryPoint: d.entryPoint,
        region: d.region,
        size: d.region.end - d.region.start,
      });
    }
    for (const [id, a] of accepted) {
      const fn = this.functions.get(id)!;
      if (fn.file === file && offset >= fn.fact.start && offset < fn.fact.end)
        options.push({ ...a, size: fn.fact.end - fn.fact.start });
    }
    return options.sort((a, b) => a.size - b.size)[0];
  }

  // ---- resolution -------------------------------------------------------------------------------

  private resolveUse(file: string, target: UseTarget): string | undefined {
    if (target.kind === 'local') return this.fnId(file, target.index);
    const to = this.input.resolveModule(file, target.from);
    return to ? this.resolveExport(to, target.name, 0) : undefined;
  }

  /** The function a module exports under `name`, following `export { x } from` and `export *`. */
  private resolveExport(file: string, name: string, depth: number): string | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined;
    const facts = this.input.factsOf(file);
    if (!facts) return undefined;
    this.known.add(file);
    const index = facts.gates?.functions.findIndex((f) => f.exportedAs.includes(name)) ?? -1;
    if (index >= 0) return this.fnId(file, index);
    const reexport = Object.prototype.hasOwnProperty.call(facts.exports, name)
      ? facts.exports[name]
      : undefined;
    if (reexport?.k === 'import' && reexport.path.length === 0 && reexport.name !== '*') {
      const to = this.input.resolveModule(file, reexport.from);
      return to ? this.resolveExport(to, reexport.name, depth + 1) : undefined;
    }
    if (name === 'default') return undefined;
    for (const spec of facts.starExports) {
      const to = this.input.resolveModule(file, spec);
      const found = to ? this.resolveExport(to, name, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  private fnId(file: string, index: number): string | undefined {
    const id = `${file}#${index}`;
    if (!this.functions.has(id)) {
      const fact = this.input.factsOf(file)?.gates?.functions[index];
      if (!fact) return undefined;
      this.functions.set(id, { id, file, fact });
    }
    return id;
  }
}

function basename(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  return name === 'index' ? (file.split('/').slice(-2, -1)[0] ?? name) : name;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
