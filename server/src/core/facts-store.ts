// Per-file facts, computed once and kept until the file changes: the unit of incremental analysis.
// A file is a candidate when it passes the text pre-filter (fully extracted); other files are
// extracted for their exports only, on demand, when the resolver follows an import into them. Every
// file read also leaves its identifier words (identifiers.ts), so later passes never read it again.
// Records are plain data: the persistent index and the scan workers hand them in (`prime`).
import { moduleClassifier } from './catalogue';
import type { ModuleKind } from './chains';
import type { AnalysisConfig } from './config';
import type { ExtractOptions, FileFacts } from './extract';
import { identifierWords } from './identifiers';
import { type ModuleHost, ModuleResolver } from './modules';
import { buildPrefilter, type Prefilter } from './prefilter';
import { drain, STEP_SIZES, type StepSizes, type Steps } from './steps';

/** Per-file extraction (core/extract.ts), injected so that bundles can load the parser lazily. */
export type Extract = (file: string, text: string, options: ExtractOptions) => FileFacts;

/**
 * What a file's facts depend on besides its text and the plan's call shapes: the kind of each module
 * specifier it classified and where each specifier resolved (plan callees restricted to a module).
 * Both depend on the workspace (tsconfig paths, packages, which files exist), so a kept record is
 * used again only while they still hold.
 */
export interface FactDeps {
  kinds: Record<string, ModuleKind>;
  resolved: Record<string, string | null>;
}

/** Everything known of one file, as plain data (cached on disk, sent by workers). */
export interface FileRecord {
  /** Full facts when the file passes the pre-filter, null when it does not or cannot be read. */
  candidate: FileFacts | null;
  /** Export-only facts of a non-candidate file, when the resolver needed them. */
  exports?: FileFacts;
  /** Full facts of a non-candidate file, when gating needed them. */
  full?: FileFacts;
  words: string;
  deps: FactDeps;
}

interface Entry {
  candidate?: FileFacts | null;
  exports?: FileFacts;
  /** Full facts of a non-candidate file (gating follows components into files with no SDK call). */
  full?: FileFacts | null;
  words?: string;
  deps: FactDeps;
}

export interface FactsStoreOptions {
  extract: Extract;
  /** Extract every file in full, without the pre-filter (the reference the fast path must equal). */
  parseEverything?: boolean;
}

export class FactsStore {
  private readonly entries = new Map<string, Entry>();
  private readonly prefilter: Prefilter;
  private modules!: ModuleResolver;
  private classifyModule!: (spec: string) => ModuleKind;
  private files: readonly string[] = [];
  private prefixes: string[] = [];
  /** Counts since the store was made, for benchmarks and tests. */
  counts = { candidates: 0, onDemand: 0, extracted: 0, reads: 0 };

  constructor(
    readonly host: ModuleHost,
    private readonly config: AnalysisConfig,
    private readonly options: FactsStoreOptions,
  ) {
    this.prefilter = buildPrefilter(config);
    this.setFiles([]);
  }

  /**
   * The workspace's source files. Module resolution and the project-module prefixes depend on which
   * files exist, so both start afresh; per-file facts are kept while what they relied on still holds.
   */
  setFiles(files: readonly string[]): void {
    drain(this.setFilesSteps(files));
  }

  /**
   * `setFiles` in steps (core/steps.ts), for the sliced check: the new resolver, prefixes and the
   * verdict on each kept entry are computed aside, then applied at once after the last step, so that
   * steps dropped before the end leave the store as it was.
   */
  *setFilesSteps(files: readonly string[], sizes: StepSizes = STEP_SIZES): Steps<void> {
    const modules = new ModuleResolver(this.host);
    const prefixes = yield* modules.projectPrefixesSteps(files, sizes);
    const classify = moduleClassifier(prefixes);
    yield 'files';
    const present = new Set(files);
    // The verdict on each entry, with how many dependencies it had then: an entry made or extended
    // between two steps (the editor's requests run there) is judged again when applying.
    const verdicts = new Map<Entry, { holds: boolean; deps: number }>();
    const perStep = sizes.keptFacts;
    let done = 0;
    for (const [file, entry] of this.entries) {
      if (++done % perStep === 0) yield 'files';
      const holds = present.has(file) && holdsWith(modules, classify, file, entry.deps);
      verdicts.set(entry, { holds, deps: depCount(entry.deps) });
    }
    this.files = files;
    this.modules = modules;
    this.prefixes = prefixes;
    this.classifyModule = classify;
    for (const [file, entry] of this.entries) {
      const verdict = verdicts.get(entry);
      const holds =
        verdict && verdict.deps === depCount(entry.deps)
          ? verdict.holds
          : present.has(file) && this.holds(file, entry.deps);
      if (!holds) this.entries.delete(file);
    }
  }

  get sourceFiles(): readonly string[] {
    return this.files;
  }

  get resolver(): ModuleResolver {
    return this.modules;
  }

  /** The prefixes that name project modules (what workers need to classify imports the same way). */
  get projectPrefixes(): readonly string[] {
    return this.prefixes;
  }

  get parsesEverything(): boolean {
    return this.options.parseEverything === true;
  }

  /** Forget what is known of a file (its text changed). */
  invalidate(file: string): void {
    this.entries.delete(file);
  }

  /** Whether a file's candidate facts (and words) are known, so reading it again is not needed. */
  has(file: string): boolean {
    return this.entries.get(file)?.candidate !== undefined;
  }

  /**
   * Takes a record computed elsewhere (the persistent index, a worker) for the file's current text.
   * Refused (false) when what the facts relied on no longer holds; the file is then extracted afresh.
   */
  prime(file: string, record: FileRecord): boolean {
    if (this.options.parseEverything || !this.holds(file, record.deps)) return false;
    const entry: Entry = { candidate: record.candidate, words: record.words, deps: record.deps };
    if (record.exports) entry.exports = record.exports;
    if (record.full) entry.full = record.full;
    this.entries.set(file, entry);
    return true;
  }

  /** The record of a file whose candidate facts are known (for the persistent index). */
  record(file: string): FileRecord | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry.candidate === undefined || entry.words === undefined) return undefined;
    const record: FileRecord = { candidate: entry.candidate, words: entry.words, deps: entry.deps };
    if (entry.exports) record.exports = entry.exports;
    if (entry.full) record.full = entry.full;
    return record;
  }

  /** Full facts of a candidate file, or null when the pre-filter rules it out (or it is unreadable). */
  candidate(file: string): FileFacts | null {
    const entry = this.entry(file);
    if (entry.candidate === undefined) {
      const text = this.read(file);
      if (text === undefined) {
        entry.candidate = null;
        entry.words = '';
      } else {
        entry.words = identifierWords(text);
        if (!this.isCandidate(text, entry.words)) {
          entry.candidate = null;
        } else {
          this.counts.candidates++;
          entry.candidate = this.extract(file, text, entry.deps);
        }
      }
    }
    return entry.candidate;
  }

  /** Whether a text passes the pre-filter (or everything is parsed); `words`: its identifierWords. */
  isCandidate(text: string, words?: string): boolean {
    return this.options.parseEverything === true || this.prefilter.test(text, words);
  }

  /** The identifier words of a file ('' when unreadable). */
  wordsOf(file: string): string {
    this.candidate(file);
    return this.entry(file).words ?? '';
  }

  /** Facts with at least the exports of a file, parsing it on demand; undefined when unreadable. */
  exportsOf(file: string): FileFacts | undefined {
    const full = this.candidate(file);
    if (full) return full;
    const entry = this.entry(file);
    if (!entry.exports) {
      const text = this.read(file);
      if (text === undefined) return undefined;
      this.counts.onDemand++;
      entry.exports = this.extract(file, text, entry.deps, true);
    }
    return entry.exports;
  }

  /** Full facts of any file, candidate or not (parsed on demand); undefined when unreadable. */
  full(file: string): FileFacts | undefined {
    const candidate = this.candidate(file);
    if (candidate) return candidate;
    const entry = this.entry(file);
    if (entry.full === undefined) {
      const text = this.read(file);
      entry.full = text === undefined ? null : this.extract(file, text, entry.deps);
    }
    return entry.full ?? undefined;
  }

  /** Resolves an import from a workspace file, with the store's resolver. */
  resolveModule(from: string, spec: string): string | undefined {
    return this.modules.resolve(from, spec);
  }

  /** Every file parsed so far, with the facts it has. */
  parsed(): Map<string, FileFacts> {
    const out = new Map<string, FileFacts>();
    for (const [file, entry] of this.entries) {
      const facts = entry.candidate ?? entry.exports;
      if (facts) out.set(file, facts);
    }
    return out;
  }

  /** Extraction options recording what the facts rely on into `deps` (also used by scan workers). */
  extractOptions(file: string, deps: FactDeps): ExtractOptions {
    return {
      config: this.config,
      classifyModule: (spec) => {
        const kind = this.classifyModule(spec);
        deps.kinds[spec] = kind;
        return kind;
      },
      resolveModule: (from, spec) => {
        const to = this.modules.resolve(from, spec);
        if (from === file) deps.resolved[spec] = to ?? null;
        return to;
      },
    };
  }

  private extract(file: string, text: string, deps: FactDeps, exportsOnly = false): FileFacts {
    this.counts.extracted++;
    const options = this.extractOptions(file, deps);
    return this.options.extract(file, text, exportsOnly ? { ...options, exportsOnly } : options);
  }

  private read(file: string): string | undefined {
    this.counts.reads++;
    return this.host.readFile(file);
  }

  private holds(file: string, deps: FactDeps): boolean {
    return holdsWith(this.modules, this.classifyModule, file, deps);
  }

  private entry(file: string): Entry {
    let entry = this.entries.get(file);
    if (!entry) this.entries.set(file, (entry = { deps: emptyDeps() }));
    return entry;
  }
}

/** Whether what a file's facts relied on still holds with a resolver and a module classification. */
function holdsWith(
  modules: ModuleResolver,
  classify: (spec: string) => ModuleKind,
  file: string,
  deps: FactDeps,
): boolean {
  for (const spec in deps.kinds) if (classify(spec) !== deps.kinds[spec]) return false;
  for (const spec in deps.resolved)
    if ((modules.resolve(file, spec) ?? null) !== deps.resolved[spec]) return false;
  return true;
}

function depCount(deps: FactDeps): number {
  return Object.keys(deps.kinds).length + Object.keys(deps.resolved).length;
}

export function emptyDeps(): FactDeps {
  return { kinds: {}, resolved: {} };
}
