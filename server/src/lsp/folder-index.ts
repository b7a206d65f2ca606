// The index of one workspace folder: its file list, plan, per-file facts (kept across edits) and the
// latest analysis. Edits invalidate one file's facts; linking the whole folder again is cheap.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FactsStore } from '../core/facts-store';
import { isSourceFile } from '../core/languages';
import { emptyPlan, type Plan, planFlagKeys } from '../core/plan/model';
import { parsePlan } from '../core/plan/parse';
import { type Analysis, linkAnalysis } from '../core/scan';
import { PLAN_FILE } from '../workspace/analyze';
import { listSourceFiles } from '../workspace/files';
import { OverlayHost } from './overlay-host';
import { pathToUri, relativeTo } from './uris';

export interface CancellationFlag {
  readonly cancelled: boolean;
}

/** Files extracted between two yields to the event loop during the first scan. */
const BATCH = 100;

export class FolderIndex {
  private files: string[] = [];
  private fileSet = new Set<string>();
  private host: OverlayHost;
  private store: FactsStore;
  private plan: Plan = emptyPlan();
  private current?: Analysis;

  constructor(
    readonly root: string,
    readonly uri: string,
    private readonly documents: TextDocuments<TextDocument>,
  ) {
    this.host = new OverlayHost(root, documents, this.fileSet);
    this.store = new FactsStore(this.host, this.plan.sdks);
  }

  get analysis(): Analysis | undefined {
    return this.current;
  }

  get fileCount(): number {
    return this.files.length;
  }

  get planFile(): string {
    return path.join(this.root, PLAN_FILE);
  }

  get loadedPlan(): Plan {
    return this.plan;
  }

  /** Whether an absolute path belongs to this folder (and is not in a pruned folder). */
  owns(fsPath: string): boolean {
    return relativeTo(this.root, fsPath) !== undefined;
  }

  /**
   * Lists the folder and extracts every file, yielding to the event loop between batches so the
   * server keeps answering; `onProgress` gets files done and total. Stops early when cancelled.
   */
  async build(onProgress: (done: number, total: number) => void, token: CancellationFlag): Promise<boolean> {
    this.loadPlan();
    this.relist();
    const total = this.files.length;
    for (let i = 0; i < total; i += BATCH) {
      if (token.cancelled) return false;
      for (const file of this.files.slice(i, i + BATCH)) this.store.candidate(file);
      onProgress(Math.min(i + BATCH, total), total);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (token.cancelled) return false;
    this.relink();
    return true;
  }

  /** Re-links everything from the facts at hand (re-extracting only invalidated files). */
  relink(): Analysis {
    this.current = linkAnalysis(this.store, planFlagKeys(this.plan));
    return this.current;
  }

  /** An open document's text changed (or it was closed and the disk text applies again). */
  documentChanged(fsPath: string): boolean {
    const rel = relativeTo(this.root, fsPath);
    if (rel === undefined) return false;
    if (path.basename(rel) === PLAN_FILE && path.dirname(rel) === '.') {
      this.loadPlan();
      return true;
    }
    if (!this.fileSet.has(rel)) return false;
    this.store.invalidate(rel);
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
      if (base === PLAN_FILE && !rel.includes('/')) {
        this.loadPlan();
        relevant = true;
      } else if (base === 'tsconfig.json' || base === 'jsconfig.json' || base === '.gitignore') {
        relist = true;
        resolutionChanged = true;
      } else if (isSourceFile(rel)) {
        if (change.kind === 'changed') this.store.invalidate(rel);
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

  uriOf(rel: string): string {
    return pathToUri(path.join(this.root, ...rel.split('/')));
  }

  /** The workspace-relative path of a file of this folder that the analysis covers. */
  relative(fsPath: string): string | undefined {
    const rel = relativeTo(this.root, fsPath);
    return rel !== undefined && this.fileSet.has(rel) ? rel : undefined;
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
    if (resolutionChanged) for (const file of this.files) this.store.invalidate(file);
    this.store.setFiles(this.files);
  }

  /** Reads the plan (an open editor's text wins); a new plan means new call shapes, so new facts. */
  private loadPlan(): void {
    const open = this.documents.get(pathToUri(this.planFile));
    let text: string | undefined = open?.getText();
    if (text === undefined) {
      try {
        text = fs.readFileSync(this.planFile, 'utf8');
      } catch {
        text = undefined;
      }
    }
    this.plan = text === undefined ? emptyPlan() : parsePlan(text, PLAN_FILE).plan;
    this.store = new FactsStore(this.host, this.plan.sdks);
    this.store.setFiles(this.files);
  }
}
