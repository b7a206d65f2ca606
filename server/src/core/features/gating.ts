// Which flag checks gate a given place in the workspace. Per-file regions come from the extraction
// (gates.ts); this pass follows gated code into the components and functions it renders or calls:
// a function is gated by a feature when every place that uses it (outside tests and stories) is
// itself inside a branch gated by that feature — so a child component rendered only inside the gated
// branch is part of the feature, and a shared `<Button>` rendered everywhere is not. Only branches
// propagate: a child rendered unconditionally by the component that checks the flag is not gated.
import type { FileFacts } from '../extract';
import { eachWord, wordQuery } from '../identifiers';
import type { FunctionFact, GateRegion, UseFact, UseTarget } from '../gates';
import type { EntryPoint } from '../types';
import { drain, STEP_SIZES, type StepSizes, type Steps } from '../steps';
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
  /** Every source file in scope and their identifier words (to find uses in files the scan skipped). */
  files: readonly string[];
  wordsOf(file: string): string;
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
/** Builds the gating index in steps (core/steps.ts), yielding between batches of files and features. */
export function* gatingIndexSteps(input: GatingInput, sizes: StepSizes = STEP_SIZES): Steps<GatingIndex> {
  const index = new GatingIndex(input, true);
  yield* index.build(sizes);
  return index;
}

export class GatingIndex {
  private readonly direct = new Map<string, Direct[]>();
  private readonly functions = new Map<string, Fn>();
  private readonly usesOf = new Map<string, { file: string; use: UseFact }[]>();
  /** Functions gated by a feature, by the file that defines them. */
  private readonly acceptedByFile = new Map<string, { key: string; fn: Fn; accepted: Accepted }[]>();
  /** The functions each function uses (resolved once). */
  private readonly innerTargets = new Map<string, string[]>();
  private readonly known = new Set<string>();
  /** Candidates named in files that hold no gated code. */
  private readonly usedElsewhere = new Set<string>();

  /** `deferred`: leave the building to `build()` (gatingIndexSteps); otherwise the index is built at once. */
  constructor(
    private readonly input: GatingInput,
    deferred = false,
  ) {
    if (!deferred) drain(this.build());
  }

  /** Fills the index: in steps, yielding between batches; the same index however it is run. */
  *build(sizes: StepSizes = STEP_SIZES): Steps<void> {
    const input = this.input;
    const featuresPerStep = sizes.gatingFeatures;
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
    const reach = new Map<string, Set<string>>();
    yield 'gating';
    let done = 0;
    for (const key of new Set([...this.direct.values()].flat().map((d) => d.key))) {
      reach.set(key, this.reachable(key));
      if (++done % featuresPerStep === 0) yield 'gating';
    }
    const candidates = new Set([...reach.values()].flatMap((r) => [...r]));
    if (candidates.size === 0) return;
    yield* this.findUses(candidates, sizes.gatingFiles);
    done = 0;
    for (const [key, ids] of reach) {
      for (const [id, accepted] of this.acceptFor(key, ids)) {
        const fn = this.functions.get(id)!;
        const list = this.acceptedByFile.get(fn.file) ?? [];
        list.push({ key, fn, accepted });
        this.acceptedByFile.set(fn.file, list);
      }
      if (++done % featuresPerStep === 0) yield 'gating';
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
    for (const { key, fn, accepted: a } of this.acceptedByFile.get(file) ?? []) {
      if (offset < fn.fact.start || offset >= fn.fact.end) continue;
      hits.push({
        key,
        entryPoint: a.entryPoint,
        kind: 'gated-branch',
        region: a.region,
        through: a.through,
        size: fn.fact.end - fn.fact.start,
      });
    }
    const strong = hits.filter((h) => h.kind === 'gated-branch');
    const tier = strong.length ? strong : hits;
    const min = Math.min(...tier.map((h) => h.size));
    return tier.filter((h) => h.size === min).map(({ size: _size, ...hit }) => hit);
  }

  // ---- functions reached from gated code --------------------------------------------------------

  /** The functions used inside a feature's gated branches and, transitively, the functions they use. */
  private reachable(key: string): Set<string> {
    const out = new Set<string>();
    const queue: string[] = [];
    const add = (ids: string[]) => {
      for (const id of ids) {
        if (out.has(id)) continue;
        out.add(id);
        queue.push(id);
      }
    };
    for (const [file, list] of this.direct) {
      for (const d of list) {
        if (d.key === key && d.region.kind !== 'function')
          add(this.targetsIn(file, d.region.start, d.region.end));
      }
    }
    while (queue.length) add(this.innerTargetsOf(queue.shift()!));
    return out;
  }

  private innerTargetsOf(id: string): string[] {
    let targets = this.innerTargets.get(id);
    if (!targets) {
      const fn = this.functions.get(id)!;
      targets = this.targetsIn(fn.file, fn.fact.start, fn.fact.end).filter((t) => t !== id);
      this.innerTargets.set(id, targets);
    }
    return targets;
  }

  /** The functions used between two offsets of a file. */
  private targetsIn(file: string, start: number, end: number): string[] {
    const out: string[] = [];
    for (const use of this.input.factsOf(file)?.gates?.uses ?? []) {
      if (use.span.startOffset < start || use.span.startOffset >= end) continue;
      const id = this.resolveUse(file, use.target);
      if (id) out.push(id);
    }
    return out;
  }

  /**
   * All runtime uses of the candidates in the files parsed so far (the scan's, and those on the way
   * from gated code to a candidate). A file outside them cannot hold gated code, so a candidate's name
   * appearing there is taken as a use outside the feature: the candidate is not gated. Their identifier
   * words answer that without parsing or even reading them (a helper such as `formatDate` is named in
   * thousands of files).
   */
  private *findUses(candidates: Set<string>, perStep: number): Steps<void> {
    const byName = new Map<string, string[]>();
    const addName = (name: string, id: string) => byName.set(name, [...(byName.get(name) ?? []), id]);
    for (const id of candidates) {
      const fn = this.functions.get(id)!;
      addName(fn.fact.name, id);
      for (const e of fn.fact.exportedAs) if (e !== 'default') addName(e, id);
      // A default export is imported under any name: look for its module's name instead.
      if (fn.fact.exportedAs.includes('default')) addName(basename(fn.file), id);
    }
    const named = wordQuery(byName.keys());
    let looked = 0;
    for (const file of this.input.files) {
      if (++looked % perStep === 0) yield 'gating';
      if (this.known.has(file) || NOT_RUNTIME.test(file)) continue;
      const words = this.input.wordsOf(file);
      if (!named.test(words)) continue;
      for (const word of eachWord(words)) {
        for (const id of byName.get(word) ?? []) this.usedElsewhere.add(id);
      }
    }
    for (const file of this.known) {
      if (++looked % perStep === 0) yield 'gating';
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

  /**
   * The least fixpoint: a function is accepted once all its uses are covered by the feature's branches
   * or by functions already accepted. A function is (re)tried when a function using it is accepted.
   */
  private acceptFor(key: string, reach: Set<string>): Map<string, Accepted> {
    const accepted = new Map<string, Accepted>();
    const byFile = new Map<string, string[]>();
    const queue = [...reach];
    const queued = new Set(queue);
    while (queue.length) {
      const id = queue.shift()!;
      queued.delete(id);
      if (accepted.has(id) || this.usedElsewhere.has(id)) continue;
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
      const covers = uses.map((u) => this.coverage(key, accepted, byFile, u.file, u.use.span.startOffset));
      if (covers.some((c) => c === undefined)) continue;
      const first = covers[0]!;
      const use = uses[0]!;
      accepted.set(id, {
        entryPoint: first.entryPoint,
        region: first.region,
        through: [...first.through, { name: use.use.name, file: use.file, span: use.use.span }],
      });
      byFile.set(fn.file, [...(byFile.get(fn.file) ?? []), id]);
      for (const t of this.innerTargetsOf(id)) {
        if (reach.has(t) && !accepted.has(t) && !queued.has(t)) {
          queue.push(t);
          queued.add(t);
        }
      }
    }
    return accepted;
  }

  /** How a place is inside a feature's branches: the innermost of its regions or accepted functions there. */
  private coverage(
    key: string,
    accepted: Map<string, Accepted>,
    acceptedByFile: Map<string, string[]>,
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
    for (const id of acceptedByFile.get(file) ?? []) {
      const fn = this.functions.get(id)!;
      if (offset >= fn.fact.start && offset < fn.fact.end)
        options.push({ ...accepted.get(id)!, size: fn.fact.end - fn.fact.start });
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
