// The facts stores of a workspace folder (one per plan: its call shapes decide what a file holds), and
// how they are filled before a check: from the persistent index for files that did not change, by
// scan workers for the rest when there are many, else lazily by the check itself. What a store holds
// is the same whichever way it was filled (tests compare against a fresh single-threaded run).
import { assignFiles, type PlanSource } from '../core/check';
import { type Extract, FactsStore } from '../core/facts-store';
import { referencedSpecifiers } from '../core/facts-imports';
import type { ModuleHost } from '../core/modules';
import { emptyPlan, type Plan } from '../core/plan/model';
import { parsePlan } from '../core/plan/parse';
import type { FileStat } from './files';
import type { ReadListener } from './host';
import { type CachedFile, contentHash, IndexCache, RACY_MS, scopeKey } from './index-cache/cache';
import { defaultWorkers, ScanPool } from './workers/pool';
import type { ScanMode, ScannedFile } from './workers/protocol';
import { scanFile } from './workers/scan-file';

interface Provenance {
  stat: FileStat;
  hash: string;
  /** When the text was read or confirmed (Date.now()). */
  readAt: number;
  verify?: boolean;
}

/** How many import hops the workers extract ahead of the analysis. */
const PREFETCH_ROUNDS = 3;

export interface IndexerOptions {
  root: string;
  extract: Extract;
  /** The persistent index file (none: nothing is kept between runs). */
  cacheFile?: string;
  /** Where the parser's V8 code cache lives (for the scan workers). */
  codeCacheDir?: string;
  /** Scan worker threads: undefined picks by file count and cores, 0 scans on the main thread. */
  jobs?: number;
  /**
   * At most this many workers when picking by file count and cores; a function is asked only when
   * there are enough files left for workers to pay off.
   */
  maxJobs?: number | (() => Promise<number>);
  /**
   * The calling thread scans batches too, between event-loop turns (the CLI, where nothing else
   * waits on it). Never in the language server: the editor must not wait on its main thread.
   */
  mainThreadScans?: boolean;
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
  /** Read and extracted by the calling thread as its share of the scan (`mainThreadScans`). */
  local: number;
  /** Files the scan did not reach (no workers, or it stopped): the check extracts them when needed. */
  left: number;
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
  /** The disk text each file's facts came from (size, time, hash, when read), for the persistent index. */
  private readonly provenance = new Map<string, Provenance>();
  private host?: ModuleHost;

  constructor(private readonly options: IndexerOptions) {
    if (options.cacheFile) this.cache = IndexCache.load(options.cacheFile, options.root);
  }

  /** Give this to the disk host: each read records the text's hash (only with a persistent index). */
  get readListener(): ReadListener | undefined {
    if (!this.cache) return undefined;
    return (rel, text, stat) =>
      this.provenance.set(rel, { stat, hash: contentHash(text), readAt: Date.now() });
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

  /**
   * Fills the stores of the files' plans: the index first, then workers for what is left — the
   * files' candidate facts, then, a few rounds deep, the exports and full facts of the files that
   * those facts import (what the resolver and gating would otherwise parse here, one by one).
   */
  async prepare(options: PrepareOptions): Promise<PrepareReport> {
    this.host = options.host;
    const report: PrepareReport = {
      files: options.files.length,
      fromIndex: 0,
      scanned: 0,
      local: 0,
      left: 0,
      workers: 0,
    };
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
        if (store.has(file) || options.exclude?.has(file)) continue;
        if (this.fromIndex(scope, file, options)) report.fromIndex++;
        else left.push(file);
      }
      todo.push({ scope, files: left, all: files, config: plan.sdks });
    }
    const total = todo.reduce((n, t) => n + t.files.length, 0);
    const mainThreadScans = this.options.mainThreadScans === true;
    const workers = this.options.jobs ?? (await this.pickWorkers(total, mainThreadScans));
    const left = () => todo.reduce((n, t) => n + t.files.filter((f) => !t.scope.store.has(f)).length, 0);
    if (workers <= 0 || total === 0) return { ...report, left: total };
    report.workers = workers;
    const deadline = options.budgetMs !== undefined ? Date.now() + options.budgetMs : undefined;
    let before = 0;
    for (const { scope, files, all, config } of todo) {
      if (files.length === 0) continue;
      const init = { root: this.options.root, files: all, config, ...this.codeCache() };
      const pool = new ScanPool(init, Math.min(workers, Math.ceil(files.length / 50)));
      const local = (list: string[], mode: ScanMode) => {
        for (const file of list) scanFile(scope.store, file, mode);
        report.local += list.length;
      };
      const run = (list: string[], mode: ScanMode, progress?: (done: number) => void) =>
        pool.run(list, mode, {
          ...(mainThreadScans ? { local } : {}),
          onResults: (results) => {
            for (const r of results) if (this.take(scope, r, options)) report.scanned++;
          },
          ...(progress ? { onProgress: progress } : {}),
          ...(options.token ? { token: options.token } : {}),
          ...(deadline !== undefined ? { deadline } : {}),
        });
      try {
        const outcome = await run(files, 'candidate', (done) => options.onProgress?.(before + done, total));
        before += files.length;
        if (outcome.stopped) {
          report.stopped = outcome.stopped;
          break;
        }
        await this.prefetch(scope.store, files, run, options.exclude);
      } finally {
        await pool.close();
      }
    }
    return { ...report, left: left() };
  }

  private async pickWorkers(files: number, mainThreadScans: boolean): Promise<number> {
    const byFiles = defaultWorkers(files, mainThreadScans);
    const max = this.options.maxJobs;
    if (byFiles <= 0 || max === undefined) return byFiles;
    return Math.min(byFiles, typeof max === 'number' ? max : await max());
  }

  /** Records what a worker extracted, unless the file changed since the listing or is open. */
  private take(scope: Scope, r: ScannedFile, options: PrepareOptions): boolean {
    const listed = options.stats.get(r.file);
    if (!listed || listed.size !== r.stat.size || listed.mtimeMs !== r.stat.mtimeMs) return false;
    if (options.exclude?.has(r.file) || !scope.store.prime(r.file, r.record)) return false;
    this.provenance.set(r.file, { stat: r.stat, hash: r.hash, readAt: r.readAt });
    return true;
  }

  private async prefetch(
    store: FactsStore,
    scanned: readonly string[],
    run: (files: string[], mode: ScanMode) => Promise<{ stopped?: string }>,
    exclude: ReadonlySet<string> | undefined,
  ): Promise<void> {
    let from = scanned.filter((file) => store.record(file)?.candidate);
    const asked = new Set<string>();
    for (let round = 0; round < PREFETCH_ROUNDS && from.length; round++) {
      const wanted = new Map<string, { exports: boolean; full: boolean }>();
      const want = (file: string, spec: string, kind: 'exports' | 'full') => {
        const target = store.resolveModule(file, spec);
        if (!target || asked.has(target) || exclude?.has(target)) return;
        const known = store.record(target);
        if (known?.candidate || (kind === 'full' ? known?.full : known?.exports)) return;
        const w = wanted.get(target) ?? { exports: false, full: false };
        w[kind] = true;
        wanted.set(target, w);
      };
      for (const file of from) {
        const record = store.record(file);
        for (const facts of [record?.candidate, record?.exports, record?.full]) {
          if (!facts) continue;
          const refs = referencedSpecifiers(facts);
          for (const spec of refs.exports) want(file, spec, 'exports');
          for (const spec of refs.full) want(file, spec, 'full');
        }
      }
      const byMode = new Map<ScanMode, string[]>();
      for (const [target, w] of wanted) {
        asked.add(target);
        const mode: ScanMode = w.exports && w.full ? 'both' : w.full ? 'full' : 'exports';
        byMode.set(mode, [...(byMode.get(mode) ?? []), target]);
      }
      for (const [mode, list] of byMode) if ((await run(list, mode)).stopped) return;
      from = [...wanted.keys()];
    }
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
        const entry: CachedFile = { ...from.stat, hash: from.hash, record };
        if (from.verify || from.readAt - from.stat.mtimeMs < RACY_MS) entry.verify = true;
        this.cache.put(key, file, entry);
      }
    }
    this.cache.retain(keep);
    this.cache.save();
  }

  private codeCache(): { codeCacheDir?: string } {
    return this.options.codeCacheDir ? { codeCacheDir: this.options.codeCacheDir } : {};
  }

  private fromIndex(scope: Scope, file: string, options: PrepareOptions): boolean {
    const stat = options.stats.get(file);
    if (!this.cache || !stat) return false;
    const cached = this.cache.lookup(scope.key, file, stat, () => options.host.readFile(file));
    if (!cached || !scope.store.prime(file, cached.record)) return false;
    // A file modified moments ago stays unconfirmed: its hash is checked again next time.
    const from: Provenance = {
      stat: { size: cached.size, mtimeMs: cached.mtimeMs },
      hash: cached.hash,
      readAt: Date.now(),
    };
    if (cached.verify) from.verify = true;
    this.provenance.set(file, from);
    return true;
  }
}
