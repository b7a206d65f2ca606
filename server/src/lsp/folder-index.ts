// The index of one workspace folder: its files, plans, per-file facts (kept across edits, one store
// per plan, filled from the persistent index and by scan workers) and the latest check result. An
// edit invalidates one file's facts; the check then links and runs the rules again over facts at
// hand, which is cheap next to parsing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { assignFiles, type CheckResult, checkWorkspaceSteps, type PlanSource } from '../core/check';
import { drain, type StepSizes, type Steps } from '../core/steps';
import type { FileFacts } from '../core/extract';
import type { Extract, FactsStore } from '../core/facts-store';
import { isSourceFile } from '../core/languages';
import { PLAN_FILE_NAMES } from '../core/plan/files';
import type { Plan } from '../core/plan/model';
import { parsePlan } from '../core/plan/parse';
import type { OpenDocument } from '../core/statement-reuse';
import type { LevelOverride } from '../core/rules/types';
import { changeBetween, type FileMentions, fileMentions, shiftFileData, shiftMentioned } from '../core/shift';
import { LineMap } from '../core/ast';
import { type FileStat, listSourceFiles } from '../workspace/files';
import { IndexCache } from '../workspace/index-cache/cache';
import { Indexer, type PrepareReport } from '../workspace/indexer';
import { lazyExtract, parser, useCodeCache } from '../workspace/parser/load';
import { findPlans } from '../workspace/plans';
import { type DocumentSource, OverlayHost } from './overlay-host';
import { pathToUri, relativeTo, uriToPath } from './uris';

export interface FolderIndexOptions {
  /** The client's storage folder for this workspace: the persistent index and the code cache. */
  storagePath?: string;
  /** Scan worker threads (undefined: by file count and cores). */
  jobs?: number;
  /** Time budget of the parallel first scan (ms). */
  budgetMs?: number;
  /** How much work the full check does between two yields (default: core/steps.ts STEP_SIZES; tests). */
  stepSizes?: StepSizes;
}

export interface CancellationFlag {
  readonly cancelled: boolean;
}

/** Scan workers of the language server's first index (when there are enough files for one). */
const SERVER_WORKERS = 1;

/** Files extracted between two yields to the event loop during the first scan. */
const BATCH = 100;

const PLAN_NAMES: ReadonlySet<string> = new Set(PLAN_FILE_NAMES);

export class FolderIndex {
  private files: string[] = [];
  private fileSet = new Set<string>();
  private readonly host: OverlayHost;
  private stats = new Map<string, FileStat>();
  private plans: PlanSource[] = [];
  /** One facts store per plan (its call shapes decide what a file holds), keyed by plan file. */
  private readonly indexer: Indexer;
  private current?: CheckResult;
  /**
   * Which items of the current result hold each file's data (the keystroke path moves only those);
   * undefined until `prepareKeystrokes` or the first keystroke after a full check computes it.
   */
  private mentions?: FileMentions;
  /** How the first scan obtained its facts. */
  lastPrepare?: PrepareReport;
  /**
   * The syntax trees of open documents, re-parsed edit by edit (core/reparse.ts), and what their last
   * extraction worked with (core/statement-reuse.ts).
   */
  private readonly parsedDocs = new Map<string, OpenDocument>();
  /** How many re-parses of open documents were spliced, and how many parsed the whole file. */
  readonly reparses = { incremental: 0, full: 0 };
  /** How many extractions of open documents reused their last facts (by statements), how many did not. */
  readonly reextracts = { statements: 0, full: 0 };
  /** The text each open document's current facts were extracted from. */
  private readonly extractedText = new Map<string, string>();
  /** Open documents' facts that are earlier facts moved through an edit (core/statement-reuse.ts). */
  private readonly movedFacts = new Map<
    string,
    { from: { facts: FileFacts; text: string }; to: FileFacts }
  >();
  /**
   * Open documents edited since the last check, with the facts and text that check saw; `null` once
   * anything else changed (another file, the file list, a plan): then only a full check will do.
   */
  private edited: Map<string, { facts: FileFacts; text: string }> | null = new Map();
  /** How many edits the keystroke path answered, and how many needed the whole workspace linked. */
  readonly quickChecks = { moved: 0, full: 0 };
  /** Counts changes (documents, files, plans): a check in steps begun before a change is stale. */
  changes = 0;
  /** The document versions the current result was computed from (open documents only). */
  private analyzedVersions = new Map<string, number>();

  constructor(
    readonly root: string,
    readonly uri: string,
    private readonly documents: DocumentSource,
    private readonly options: FolderIndexOptions = {},
  ) {
    const storage = options.storagePath;
    // The parser (dist/parser.js) is loaded on the first file that needs parsing, compiled through a
    // code cache kept beside the index.
    if (storage) useCodeCache(path.join(storage, 'code'));
    this.indexer = new Indexer({
      root,
      extract: this.extract,
      ...(storage
        ? {
            cacheFile: IndexCache.fileFor(path.join(storage, 'index'), root),
            codeCacheDir: path.join(storage, 'code'),
          }
        : {}),
      // One scan worker: the first index runs beside the editor, which must stay responsive, and each
      // worker holds a parser of its own (memory); the CLI uses every core.
      ...(options.jobs !== undefined ? { jobs: options.jobs } : { maxJobs: SERVER_WORKERS }),
    });
    this.host = new OverlayHost(root, documents, this.fileSet, this.indexer.readListener);
  }

  get result(): CheckResult | undefined {
    return this.current;
  }

  get fileCount(): number {
    return this.files.length;
  }

  /** The plans the latest listing found (open plan documents with their editor text). */
  get planSources(): readonly PlanSource[] {
    return this.plans;
  }

  /** The plan that governs a file (nearest up its folders), if any. */
  planOf(rel: string): { source: PlanSource; plan: Plan } | undefined {
    const groups = assignFiles([rel], this.plans);
    const index = [...groups.keys()][0];
    const source = index !== undefined && index >= 0 ? this.plans[index] : undefined;
    return source ? { source, plan: parsePlan(source.text ?? '', source.file).plan } : undefined;
  }

  /** Where a new plan would go for a file with none: the workspace folder's root. */
  get defaultPlanFile(): string {
    return PLAN_FILE_NAMES[0];
  }

  owns(fsPath: string): boolean {
    return relativeTo(this.root, fsPath) !== undefined;
  }

  uriOf(rel: string): string {
    return pathToUri(path.join(this.root, ...rel.split('/')));
  }

  fsPathOf(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  /** The workspace-relative path of a source file the analysis covers. */
  relative(fsPath: string): string | undefined {
    const rel = relativeTo(this.root, fsPath);
    return rel !== undefined && this.fileSet.has(rel) ? rel : undefined;
  }

  /** The workspace-relative path of a plan file of this folder (they are not source files). */
  relativeAny(fsPath: string): string | undefined {
    const rel = relativeTo(this.root, fsPath);
    return rel !== undefined && PLAN_NAMES.has(path.basename(rel)) ? rel : undefined;
  }

  /** Resolves an import the way the analysis does. */
  resolveModule(from: string, spec: string): string | undefined {
    return this.storeOf(from)?.resolveModule(from, spec);
  }

  /** What each flag check of a file gates (offset ranges), from the file's facts. */
  gatesOf(rel: string) {
    return this.storeOf(rel)?.full(rel)?.gates?.entries ?? [];
  }

  private storeOf(rel: string): FactsStore | undefined {
    const index = [...assignFiles([rel], this.plans).keys()][0] ?? -1;
    const key = index >= 0 ? this.plans[index]!.file : '';
    return this.indexer.storeOf(key) ?? this.indexer.stores()[0];
  }

  /** The version of an open document the current result saw (undefined: not open then). */
  analyzedVersion(uri: string): number | undefined {
    return this.analyzedVersions.get(uri);
  }

  /** Text of a workspace file as the analysis sees it (an open editor's text wins). */
  readFile(rel: string): string | undefined {
    return this.host.readFile(rel);
  }

  /**
   * Lists the folder and gets every file's facts: from the persistent index when unchanged, from scan
   * workers when many are left, else extracting them here in batches, yielding to the event loop
   * between batches so the server keeps answering; `onProgress` gets files done and total. Stops
   * early when cancelled.
   */
  async build(onProgress: (done: number, total: number) => void, token: CancellationFlag): Promise<boolean> {
    this.changes++;
    this.relist();
    const open = this.openFiles();
    this.lastPrepare = await this.indexer.prepare({
      host: this.host,
      files: this.files,
      plans: this.plans,
      stats: this.stats,
      exclude: open,
      onProgress: (done, total) => onProgress(done, total),
      token,
      ...(this.options.budgetMs !== undefined ? { budgetMs: this.options.budgetMs } : {}),
    });
    if (token.cancelled) return false;
    const groups = assignFiles(this.files, this.plans);
    const work: [FactsStore, string][] = [];
    for (const [index, files] of groups) {
      const source = index >= 0 ? this.plans[index] : undefined;
      const store = this.storeFor(source?.file ?? '', parsePlan(source?.text ?? '', source?.file).plan);
      for (const file of files) if (!store.has(file)) work.push([store, file]);
    }
    for (let i = 0; i < work.length; i += BATCH) {
      if (token.cancelled) return false;
      for (const [store, file] of work.slice(i, i + BATCH)) store.candidate(file);
      onProgress(Math.min(i + BATCH, work.length), work.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return !token.cancelled;
  }

  /** Writes the persistent index (when the client gave a storage folder); open documents are left out. */
  saveIndex(): void {
    this.indexer.save(this.openFiles());
  }

  /** Source files open in an editor (their text may not be the disk's). */
  private openFiles(): Set<string> {
    const open = new Set<string>();
    for (const doc of this.documents.all()) {
      const rel = this.relativeOfUri(doc.uri);
      if (rel !== undefined) open.add(rel);
    }
    return open;
  }

  private relativeOfUri(uri: string): string | undefined {
    const fsPath = uriToPath(uri);
    return fsPath ? this.relative(fsPath) : undefined;
  }

  /** Re-extracts one file if its facts were invalidated (the per-file part of a re-check). */
  reanalyse(rel: string): void {
    this.storeOf(rel)?.candidate(rel);
  }

  /** Runs the check over the facts at hand (re-extracting only invalidated files). */
  check(levels?: LevelOverride): CheckResult {
    return drain(this.checkSteps(levels));
  }

  /**
   * `check` in steps (core/steps.ts): the server runs it a slice at a time and drops it when the folder
   * changes meanwhile (`changes`); only a check run to its end becomes the current result.
   */
  *checkSteps(levels?: LevelOverride): Steps<CheckResult> {
    const versions = new Map<string, number>();
    for (const doc of this.documents.all()) versions.set(doc.uri, doc.version);
    const result = yield* checkWorkspaceSteps({
      files: this.files,
      host: this.host,
      plans: this.plans,
      extract: this.extract,
      ...(levels ? { levels } : {}),
      storeFor: (planFile, plan) => this.storeFor(planFile, plan),
      ...(this.options.stepSizes ? { stepSizes: this.options.stepSizes } : {}),
    });
    this.current = result;
    this.analyzedVersions = versions;
    this.edited = new Map();
    this.mentions = undefined;
    return this.current;
  }

  /**
   * Indexes the current result for the keystroke path (a walk of the whole result, ~40 ms on a
   * 10,000-file workspace): the server calls it once a full check is published, so that the next
   * keystroke does not pay for it, nor the full check.
   */
  prepareKeystrokes(): FileMentions {
    this.mentions ??= fileMentions((this.current ?? {}) as unknown as Record<string, unknown>);
    return this.mentions;
  }

  /**
   * The keystroke path: when only open documents changed since the last check and each one's new
   * facts are its old facts with positions moved by the edit, the workspace's results are the last
   * ones with those positions moved — no linking of the workspace. Returns undefined when a full
   * check is needed (or nothing changed). The server still runs the full check once typing pauses.
   */
  quickCheck(): CheckResult | undefined {
    const edited = this.edited;
    if (!this.current || !edited || edited.size === 0) {
      if (edited?.size !== 0) this.quickChecks.full++;
      return undefined;
    }
    let result: CheckResult | undefined = this.current;
    for (const [rel, before] of edited) {
      const facts = this.storeOf(rel)?.candidate(rel);
      const text = this.extractedText.get(rel);
      if (!facts || !before.facts || text === undefined) result = undefined;
      else {
        const change = changeBetween(before.text, text);
        const lines = LineMap.of(text);
        const moved = this.movedFacts.get(rel);
        // Facts moved from the very facts the check saw need no comparison: they are what it computes.
        const same =
          (moved?.to === facts && moved.from.facts === before.facts && moved.from.text === before.text) ||
          isDeepStrictEqual(shiftFileData(before.facts, rel, change, lines, rel), facts);
        result = same ? shiftMentioned(result, this.prepareKeystrokes(), rel, change, lines) : undefined;
      }
      if (!result) break;
    }
    if (!result) {
      this.quickChecks.full++;
      return undefined;
    }
    this.quickChecks.moved++;
    this.current = result;
    for (const doc of this.documents.all()) this.analyzedVersions.set(doc.uri, doc.version);
    this.edited = new Map();
    return result;
  }

  /**
   * A document was opened. When its text is what the analysis read from disk, the current findings
   * hold for this version as they are; otherwise it is a change like any other.
   */
  documentOpened(uri: string, fsPath: string, version: number, text: string): boolean {
    const rel = relativeTo(this.root, fsPath);
    if (rel === undefined) return false;
    // A file with calls to analyse is parsed now, so that the first keystroke is re-parsed from it.
    if (this.fileSet.has(rel) && this.storeOf(rel)?.isCandidate(text))
      this.keepParsed(rel, { doc: parser().parseDocument(rel, text).doc });
    let disk: string | undefined;
    try {
      disk = fs.readFileSync(fsPath, 'utf8');
    } catch {
      disk = undefined;
    }
    if (disk === text && this.current) {
      this.analyzedVersions.set(uri, version);
      return false;
    }
    return this.documentChanged(fsPath);
  }

  /** An open document's text changed (or it was closed and the disk text applies again). */
  documentChanged(fsPath: string): boolean {
    const rel = relativeTo(this.root, fsPath);
    if (rel === undefined) return false;
    this.changes++;
    if (PLAN_NAMES.has(path.basename(rel))) {
      this.plans = this.findPlans();
      this.edited = null;
      return true;
    }
    if (!this.fileSet.has(rel)) return false;
    // The facts the last check saw, for the keystroke path (a closed document goes back to the disk).
    const facts = this.storeOf(rel)?.record(rel)?.candidate;
    const text = this.extractedText.get(rel);
    const open = this.documents.get(this.uriOf(rel)) !== undefined;
    if (this.edited && !this.edited.has(rel)) {
      if (facts && text !== undefined && open) this.edited.set(rel, { facts, text });
      else this.edited = null;
    }
    if (!open) {
      // Closed: its trees are not needed any more.
      this.parsedDocs.delete(rel);
      this.extractedText.delete(rel);
      this.movedFacts.delete(rel);
    }
    this.invalidate(rel);
    return true;
  }

  /** Files created, changed or deleted on disk. Returns whether anything relevant changed. */
  filesChanged(changes: { fsPath: string; kind: 'created' | 'changed' | 'deleted' }[]): boolean {
    let relist = false;
    let resolutionChanged = false;
    let relevant = false;
    this.changes++;
    for (const change of changes) {
      const rel = relativeTo(this.root, change.fsPath);
      if (rel === undefined) continue;
      const base = path.basename(rel);
      if (PLAN_NAMES.has(base)) {
        relist = true;
        relevant = true;
      } else if (base === 'tsconfig.json' || base === 'jsconfig.json' || base === '.gitignore') {
        relist = true;
        resolutionChanged = true;
      } else if (isSourceFile(rel)) {
        if (change.kind === 'changed') this.invalidate(rel);
        else relist = true;
        relevant = true;
      }
    }
    if (relevant) this.structuralChange();
    if (relist) {
      this.relist(resolutionChanged);
      relevant = true;
    }
    return relevant;
  }

  /**
   * Extraction for the stores: open documents are re-parsed from their previous tree (spliced when
   * the edit allows, core/reparse.ts); other files are parsed whole.
   */
  private readonly extract: Extract = (file, text, options) => {
    if (!this.documents.get(this.uriOf(file))) {
      this.parsedDocs.delete(file);
      this.extractedText.delete(file);
      this.movedFacts.delete(file);
      return lazyExtract(file, text, options);
    }
    this.extractedText.set(file, text);
    const out = parser().extractDocument(this.parsedDocs.get(file), file, text, options);
    this.keepParsed(file, out.next);
    if (out.incremental) this.reparses.incremental++;
    else this.reparses.full++;
    if (out.movedFrom) {
      this.reextracts.statements++;
      this.movedFacts.set(file, { from: out.movedFrom, to: out.facts });
    } else {
      this.reextracts.full++;
      this.movedFacts.delete(file);
    }
    return out.facts;
  };

  private keepParsed(rel: string, doc: OpenDocument): void {
    if (doc.doc) this.parsedDocs.set(rel, doc);
    else this.parsedDocs.delete(rel);
  }

  private invalidate(rel: string): void {
    this.indexer.invalidate(rel);
  }

  /** Something other than an open document's text changed: the keystroke path does not apply. */
  private structuralChange(): void {
    this.edited = null;
  }

  /**
   * Lists the folder again. Facts of unchanged files stay valid when files come and go; a changed
   * tsconfig can change how imports classify (project module or package), so then all are redone.
   */
  private relist(resolutionChanged = false): void {
    const listing = listSourceFiles(this.root);
    this.files = listing.files;
    this.stats = listing.stats;
    this.fileSet = new Set(listing.files);
    this.host.setFiles(this.fileSet);
    if (resolutionChanged) for (const file of this.files) this.invalidate(file);
    this.plans = this.findPlans();
  }

  /** Plans on disk, with the text of open plan documents instead of the disk's. */
  private findPlans(): PlanSource[] {
    return findPlans(this.root, this.files).map((source) => {
      const open = this.documents.get(pathToUri(path.resolve(this.root, source.file)));
      if (!open) return source;
      const { readError: _ignored, ...rest } = source;
      return { ...rest, text: open.getText() };
    });
  }

  /** The store for a plan's files; a plan whose call shapes changed gets a fresh one. */
  private storeFor(planFile: string, plan: Plan): FactsStore {
    return this.indexer.storeFor(planFile, plan);
  }
}
