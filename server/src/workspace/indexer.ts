// The facts stores of a workspace folder (one per plan: its call shapes decide what a file holds), and
// how they are filled before a check: from the persistent index for files that did not change, by
// scan workers for the rest when there are many, else lazily by the check itself. What a store holds
// is the same whichever way it was filled (tests compare against a fresh single-threaded run).
import { assignFiles, type PlanSource } from '../core/check';
import { type Extract, FactsStore } from '../core/facts-store';
import type { ModuleHost } from '../core/modules';
import { emptyPlan, type Plan } from '../core/plan/model';
import { parsePlan } from '../core/plan/parse';
import type { FileStat } from './files';
import type { ReadListener } from './host';
import { contentHash, IndexCache, scopeKey } from './index-cache/cache';
import { defaultWorkers, scanInWorkers } from './workers/pool';

export interface IndexerOptions {
  root: string;
  extract: Extract;
  /** The persistent index file (none: nothing is kept between runs). */
  cacheFile?: string;
  /** Where the parser's V8 code cache lives (for the scan workers). */
  codeCacheDir?: string;
  /** Scan worker threads: undefined picks by file count and cores, 0 scans on the main thread. */
  jobs?: number;
}

export interface PrepareOptions {
  host: ModuleHost;
  files: readonly string[];
  plans: readonly PlanSource[];
  /** Sizes and times from the listing. */
  stats: ReadonlyMap<string, FileStat>;
  /** Files whose text is not the disk's (open editors): never taken from the index or workers. */
  exclude?: ReadonlySet<string>;
  onProgress?(done: number, total: number): void;
  token?: { readonly cancelled: boolean };
  /** Time budget of the parallel scan (ms); what is left is extracted on demand. */
  budgetMs?: number;
}

export interface PrepareReport {
  files: number;
  /** Taken from the persistent index. */
  fromIndex: number;
  /** Read and extracted by scan workers. */
  scanned: number;
  workers: number;
  /** Why the persistent index was not used, when there was one. */
  indexIgnored?: string;
  stopped?: string;
}

interface Scope {
  key: string;
  store: FactsStore;
}

export class Indexer {
  private readonly scopes = new Map<string, Scope>();
  private cache?: IndexCache;
  /** The disk text each file's facts came from (size, time, hash), for the persistent index. */
  private readonly provenance = new Map<string, { stat: FileStat; hash: string }>();
  private host?: ModuleHost;

  constructor(private readonly options: IndexerOptions) {
    if (options.cacheFile) this.cache = IndexCache.load(options.cacheFile, options.root);
  }

  /** Give this to the disk host: each read records the text's hash (only with a persistent index). */
  get readListener(): ReadListener | undefined {
    if (!this.cache) return undefined;
    return (rel, text, stat) => this.provenance.set(rel, { stat, hash: contentHash(text) });
  }

  /** The store for a plan's files; a plan whose call shapes changed gets a fresh one. */
  storeFor(planFile: string, plan: Plan): FactsStore {
    const key = scopeKey(planFile, plan.sdks);
    const existing = this.scopes.get(planFile);
    if (existing && existing.key === key) return existing.store;
    if (!this.host) throw new Error('Indexer.storeFor before prepare');
    const store = new FactsStore(this.host, plan.sdks, { extract: this.options.extract });
    this.scopes.set(planFile, { key, store });
    return store;
  }

  /** Any store (for look-ups that do not depend on the plan, such as module resolution). */
  stores(): FactsStore[] {
    return [...this.scopes.values()].map((s) => s.store);
  }

  /** The store of the plan that governs a file. */
  storeOf(planFile: string): FactsStore | undefined {
    return this.scopes.get(planFile)?.store;
  }

  /** A file's text changed: forget its facts everywhere. */
  invalidate(file: string): void {
    this.provenance.delete(file);
    for (const { store } of this.scopes.values()) store.invalidate(file);
  }

  /** Fills the stores of the files' plans: the index first, then workers for what is left. */
  async prepare(options: PrepareOptions): Promise<PrepareReport> {
    this.host = options.host;
    const report: PrepareReport = { files: options.files.length, fromIndex: 0, scanned: 0, workers: 0 };
    if (this.cache?.ignored) report.indexIgnored = this.cache.ignored;
    const groups = assignFiles(options.files, options.plans);
    const todo: { scope: Scope; files: string[]; all: string[]; config: Plan['sdks'] }[] = [];
    for (const [index, files] of groups) {
      const source = index >= 0 ? options.plans[index] : undefined;
      const plan = source ? parsePlan(source.text ?? '', source.file).plan : emptyPlan();
      const planFile = source?.file ?? '';
      const store = this.storeFor(planFile, plan);
      store.setFiles(files);
      const scope = this.scopes.get(planFile)!;
      const left: string[] = [];
      for (const file of files) {
        if (store.has(file)) continue;
        if (!options.exclude?.has(file) && this.fromIndex(scope, file, options)) report.fromIndex++;
        else left.push(file);
      }
      todo.push({
        scope,
        files: left.filter((f) => !options.exclude?.has(f)),
        all: files,
        config: plan.sdks,
      });
    }
    const total = todo.reduce((n, t) => n + t.files.length, 0);
    const workers = this.options.jobs ?? defaultWorkers(total);
    if (workers <= 0 || total === 0) return report;
    report.workers = workers;
    let before = 0;
    for (const { scope, files, all, config } of todo) {
      if (files.length === 0) continue;
      const outcome = await scanInWorkers(
        {
          root: this.options.root,
          files: all,
          config,
          ...(this.options.codeCacheDir ? { codeCacheDir: this.options.codeCacheDir } : {}),
        },
        files,
        {
          workers,
          onResults: (results) => {
            for (const r of results) {
              // A file changed (or opened) since the listing is left to the check to read.
              const listed = options.stats.get(r.file);
              if (!listed || listed.size !== r.stat.size || listed.mtimeMs !== r.stat.mtimeMs) continue;
              if (scope.store.has(r.file) || !scope.store.prime(r.file, r.record)) continue;
              this.provenance.set(r.file, { stat: r.stat, hash: r.hash });
              report.scanned++;
            }
          },
          onProgress: (done) => options.onProgress?.(before + done, total),
          ...(options.token ? { token: options.token } : {}),
          ...(options.budgetMs !== undefined ? { budgetMs: options.budgetMs } : {}),
        },
      );
      before += files.length;
      if (outcome.stopped) {
        report.stopped = outcome.stopped;
        break;
      }
    }
    return report;
  }

  /**
   * Writes what the stores know to the persistent index: every file whose facts came from a known
   * disk text (never an open editor's: `exclude`), for the plans in use.
   */
  save(exclude: ReadonlySet<string> = new Set()): void {
    if (!this.cache) return;
    const keep = new Map<string, Set<string>>();
    for (const { key, store } of this.scopes.values()) {
      const files = new Set<string>();
      keep.set(key, files);
      for (const file of store.sourceFiles) {
        const from = this.provenance.get(file);
        const record = from && !exclude.has(file) ? store.record(file) : undefined;
        if (!record || !from) continue;
        files.add(file);
        this.cache.put(key, file, { ...from.stat, hash: from.hash, record });
      }
    }
    this.cache.retain(keep);
    this.cache.save();
  }

  private fromIndex(scope: Scope, file: string, options: PrepareOptions): boolean {
    const stat = options.stats.get(file);
    if (!this.cache || !stat) return false;
    const cached = this.cache.lookup(scope.key, file, stat, () => options.host.readFile(file));
    if (!cached || !scope.store.prime(file, cached.record)) return false;
    this.provenance.set(file, { stat: { size: cached.size, mtimeMs: cached.mtimeMs }, hash: cached.hash });
    return true;
  }
}
