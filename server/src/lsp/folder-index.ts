// The index of one workspace folder: its files, plans, per-file facts (kept across edits, one store
// per plan) and the latest check result. An edit invalidates one file's facts; the check then links
// and runs the rules again over facts at hand, which is cheap next to parsing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { assignFiles, type CheckResult, checkWorkspace, type PlanSource } from '../core/check';
import { FactsStore } from '../core/facts-store';
import { isSourceFile } from '../core/languages';
import { PLAN_FILE_NAMES } from '../core/plan/files';
import type { Plan } from '../core/plan/model';
import { parsePlan } from '../core/plan/parse';
import type { LevelOverride } from '../core/rules/types';
import { listSourceFiles } from '../workspace/files';
import { findPlans } from '../workspace/plans';
import { OverlayHost } from './overlay-host';
import { pathToUri, relativeTo } from './uris';

export interface CancellationFlag {
  readonly cancelled: boolean;
}

/** Files extracted between two yields to the event loop during the first scan. */
const BATCH = 100;

const PLAN_NAMES: ReadonlySet<string> = new Set(PLAN_FILE_NAMES);

export class FolderIndex {
  private files: string[] = [];
  private fileSet = new Set<string>();
  private readonly host: OverlayHost;
  private plans: PlanSource[] = [];
  /** One facts store per plan (its call shapes decide what a file holds), keyed by plan file. */
  private readonly stores = new Map<string, { sdks: string; store: FactsStore }>();
  private current?: CheckResult;
  /** The document versions the current result was computed from (open documents only). */
  private analyzedVersions = new Map<string, number>();

  constructor(
    readonly root: string,
    readonly uri: string,
    private readonly documents: TextDocuments<TextDocument>,
  ) {
    this.host = new OverlayHost(root, documents, this.fileSet);
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
    return this.stores.get(key)?.store ?? [...this.stores.values()][0]?.store;
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
   * Lists the folder and extracts every file, yielding to the event loop between batches so the
   * server keeps answering; `onProgress` gets files done and total. Stops early when cancelled.
   */
  async build(onProgress: (done: number, total: number) => void, token: CancellationFlag): Promise<boolean> {
    this.relist();
    const groups = assignFiles(this.files, this.plans);
    const work: [FactsStore, string][] = [];
    for (const [index, files] of groups) {
      const source = index >= 0 ? this.plans[index] : undefined;
      const store = this.storeFor(source?.file ?? '', parsePlan(source?.text ?? '', source?.file).plan);
      store.setFiles(files);
      for (const file of files) work.push([store, file]);
    }
    for (let i = 0; i < work.length; i += BATCH) {
      if (token.cancelled) return false;
      for (const [store, file] of work.slice(i, i + BATCH)) store.candidate(file);
      onProgress(Math.min(i + BATCH, work.length), work.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return !token.cancelled;
  }

  /** Runs the check over the facts at hand (re-extracting only invalidated files). */
  check(levels?: LevelOverride): CheckResult {
    const versions = new Map<string, number>();
    for (const doc of this.documents.all()) versions.set(doc.uri, doc.version);
    this.current = checkWorkspace({
      files: this.files,
      host: this.host,
      plans: this.plans,
      ...(levels ? { levels } : {}),
      storeFor: (planFile, plan) => this.storeFor(planFile, plan),
    });
    this.analyzedVersions = versions;
    return this.current;
  }

  /**
   * A document was opened. When its text is what the analysis read from disk, the current findings
   * hold for this version as they are; otherwise it is a change like any other.
   */
  documentOpened(uri: string, fsPath: string, version: number, text: string): boolean {
    const rel = relativeTo(this.root, fsPath);
    if (rel === undefined) return false;
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
    if (PLAN_NAMES.has(path.basename(rel))) {
      this.plans = this.findPlans();
      return true;
    }
    if (!this.fileSet.has(rel)) return false;
    this.invalidate(rel);
    return true;
  }

  /** Files created, changed or deleted on disk. Returns whether anything relevant changed. */
  filesChanged(changes: { fsPath: string; kind: 'created' | 'changed' | 'deleted' }[]): boolean {
    let relist = false;
    let resolutionChanged = false;
    let relevant = false;
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
    if (relist) {
      this.relist(resolutionChanged);
      relevant = true;
    }
    return relevant;
  }

  private invalidate(rel: string): void {
    for (const { store } of this.stores.values()) store.invalidate(rel);
  }

  /**
   * Lists the folder again. Facts of unchanged files stay valid when files come and go; a changed
   * tsconfig can change how imports classify (project module or package), so then all are redone.
   */
  private relist(resolutionChanged = false): void {
    const listing = listSourceFiles(this.root);
    this.files = listing.files;
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
    const sdks = JSON.stringify(plan.sdks);
    const existing = this.stores.get(planFile);
    if (existing && existing.sdks === sdks) return existing.store;
    const store = new FactsStore(this.host, plan.sdks);
    this.stores.set(planFile, { sdks, store });
    return store;
  }
}
