// Per-file facts, computed once and kept until the file changes: the unit of incremental analysis.
// A file is a candidate when it passes the text pre-filter (fully extracted); other files are
// extracted for their exports only, on demand, when the resolver follows an import into them.
import { moduleClassifier } from './catalogue';
import type { ModuleKind } from './chains';
import type { AnalysisConfig } from './config';
import { extractFile, type FileFacts } from './extract';
import { type ModuleHost, ModuleResolver } from './modules';
import { buildPrefilter, type Prefilter } from './prefilter';

interface Entry {
  /** Full facts when the file is a candidate, `null` when it is not. */
  candidate?: FileFacts | null;
  /** Export-only facts of a non-candidate file. */
  exports?: FileFacts;
  /** Full facts of a non-candidate file (gating follows components into files with no SDK call). */
  full?: FileFacts | null;
}

export class FactsStore {
  private readonly entries = new Map<string, Entry>();
  private readonly prefilter: Prefilter;
  private modules!: ModuleResolver;
  private classifyModule!: (spec: string) => ModuleKind;
  private files: readonly string[] = [];
  /** Counts since the last `resetCounts`, for benchmarks and tests. */
  counts = { candidates: 0, onDemand: 0, extracted: 0 };

  constructor(
    readonly host: ModuleHost,
    private readonly config: AnalysisConfig,
    /** Extract every file in full, without the pre-filter (the reference the fast path must equal). */
    private readonly options: { parseEverything?: boolean } = {},
  ) {
    this.prefilter = buildPrefilter(config);
    this.setFiles([]);
  }

  /**
   * The workspace's source files. Module resolution and the project-module prefixes depend on which
   * files exist, so both start afresh; per-file facts are kept.
   */
  setFiles(files: readonly string[]): void {
    this.files = files;
    this.modules = new ModuleResolver(this.host);
    this.classifyModule = moduleClassifier(this.modules.projectPrefixes(files));
    const present = new Set(files);
    for (const file of this.entries.keys()) if (!present.has(file)) this.entries.delete(file);
  }

  get sourceFiles(): readonly string[] {
    return this.files;
  }

  get resolver(): ModuleResolver {
    return this.modules;
  }

  /** Forget what is known of a file (its text changed). */
  invalidate(file: string): void {
    this.entries.delete(file);
  }

  /** Full facts of a candidate file, or null when the pre-filter rules it out (or it is unreadable). */
  candidate(file: string): FileFacts | null {
    const entry = this.entry(file);
    if (entry.candidate === undefined) {
      const text = this.host.readFile(file);
      if (text === undefined || !(this.options.parseEverything || this.prefilter.test(text))) {
        entry.candidate = null;
      } else {
        this.counts.candidates++;
        this.counts.extracted++;
        entry.candidate = extractFile(file, text, this.extractOptions());
      }
    }
    return entry.candidate;
  }

  /** Facts with at least the exports of a file, parsing it on demand; undefined when unreadable. */
  exportsOf(file: string): FileFacts | undefined {
    const full = this.candidate(file);
    if (full) return full;
    const entry = this.entry(file);
    if (!entry.exports) {
      const text = this.host.readFile(file);
      if (text === undefined) return undefined;
      this.counts.onDemand++;
      this.counts.extracted++;
      entry.exports = extractFile(file, text, { ...this.extractOptions(), exportsOnly: true });
    }
    return entry.exports;
  }

  /** Full facts of any file, candidate or not (parsed on demand); undefined when unreadable. */
  full(file: string): FileFacts | undefined {
    const candidate = this.candidate(file);
    if (candidate) return candidate;
    const entry = this.entry(file);
    if (entry.full === undefined) {
      const text = this.host.readFile(file);
      this.counts.extracted++;
      entry.full = text === undefined ? null : extractFile(file, text, this.extractOptions());
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

  private entry(file: string): Entry {
    let entry = this.entries.get(file);
    if (!entry) this.entries.set(file, (entry = {}));
    return entry;
  }

  private extractOptions() {
    return {
      config: this.config,
      classifyModule: this.classifyModule,
      resolveModule: (from: string, spec: string) => this.modules.resolve(from, spec),
    };
  }
}
