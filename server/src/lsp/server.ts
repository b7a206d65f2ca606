// The language server: wires LSP requests to the workspace indexes. Thin on purpose: analysis is in
// core; diagnostics, hovers, lenses and code actions are built in their own modules.
import {
  type CodeAction,
  CodeActionKind,
  type CodeLens,
  CodeLensRefreshRequest,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { VERSION } from '../cli/version';
import { PLAN_FILE_NAMES } from '../core/plan/files';
import type { RuleLevel } from '../core/plan/model';
import {
  CreatePlanRequest,
  type CreatePlanResult,
  FeaturesRequest,
  type FeaturesParams,
  type FeaturesResult,
  RescanRequest,
  StatusNotification,
  type StatusParams,
} from '../protocol';
import { type ActionHost, codeActions, FIX_ALL_KIND } from './code-actions';
import { codeLenses } from './code-lens';
import { createPlan } from './create-plan';
import { DiagnosticsPublisher, toLspDiagnostics } from './diagnostics';
import { featureSummaries, reportedGaps } from './features';
import { FolderIndex, type FolderIndexOptions } from './folder-index';
import { hoverAt } from './hover';
import { EditorKpis } from './kpis/editor-kpis';
import { resolveSettings, type ServerSettings } from './settings';
import { runInSlices } from './slices';
import { uriToPath } from './uris';

/** Edits are analysed once typing pauses this long. */
const DEBOUNCE_MS = 150;
/** The persistent index is written this long after the last change was analysed. */
const SAVE_INDEX_MS = 5000;
/**
 * After edits answered by the keystroke path (positions moved, no workspace linking), the workspace
 * is checked in full once typing has paused this long.
 */
const FULL_CHECK_MS = 1500;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const folders: FolderIndex[] = [];
  /** Settings per scope URI (folders and open documents), fetched before each check. */
  const settings = new Map<string, ServerSettings>();
  const publisher = new DiagnosticsPublisher((uri, diagnostics) => {
    void connection.sendDiagnostics({ uri, diagnostics });
  });
  let supportsConfiguration = false;
  let supportsProgress = false;
  let supportsWatchRegistration = false;
  let supportsLensRefresh = false;
  let indexing: { cancelled: boolean } | undefined;
  const kpis = new EditorKpis(connection, {
    folders: () => folders,
    settingsOf: (uri) => settingsOf(uri),
    republish: () => {
      for (const folder of folders) publishFolder(folder);
      refreshLenses();
    },
  });
  let pending: NodeJS.Timeout | undefined;
  let pendingSave: NodeJS.Timeout | undefined;
  let pendingFull: NodeJS.Timeout | undefined;
  const needFull = new Set<FolderIndex>();
  const dirty = new Set<FolderIndex>();
  /** The latest full check begun per folder (an older one still in slices is dropped). */
  const checkRuns = new Map<FolderIndex, number>();
  /** Documents whose open event was just handled (the content event that follows is the same). */
  const justOpened = new Set<string>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    supportsConfiguration = caps.workspace?.configuration === true;
    supportsProgress = caps.window?.workDoneProgress === true;
    supportsWatchRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsLensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
    const roots = params.workspaceFolders?.length
      ? params.workspaceFolders.map((f) => f.uri)
      : params.rootUri
        ? [params.rootUri]
        : [];
    const indexOptions = folderIndexOptions(params.initializationOptions);
    for (const uri of roots) {
      const root = uriToPath(uri);
      if (root) folders.push(new FolderIndex(root, uri, documents, indexOptions));
    }
    kpis.initialize(
      params,
      folders.map((f) => f.root),
    );
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: false } },
      },
      serverInfo: { name: 'activation-lens', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (supportsConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    }
    if (supportsWatchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}' },
          { globPattern: `**/{${PLAN_FILE_NAMES.join(',')}}` },
          { globPattern: '**/{tsconfig,jsconfig}.json' },
          { globPattern: '**/.gitignore' },
        ],
      });
    }
    void indexAll();
  });

  async function indexAll(): Promise<void> {
    if (indexing) indexing.cancelled = true;
    const token = { cancelled: false };
    indexing = token;
    sendStatus('indexing');
    const reporter: WorkDoneProgressReporter | undefined = supportsProgress
      ? await connection.window.createWorkDoneProgress()
      : undefined;
    reporter?.begin('Activation Lens: indexing', 0, 'listing files', true);
    try {
      for (const folder of folders) {
        const done = await folder.build((n, total) => {
          reporter?.report(total ? Math.round((n / total) * 100) : 100, `${n}/${total} files`);
        }, token);
        if (!done) return;
      }
    } catch (error) {
      logError('indexing failed', error);
    } finally {
      reporter?.done();
    }
    if (token.cancelled) return;
    indexing = undefined;
    await checkFolders(folders);
  }

  function scheduleFull(folder: FolderIndex): void {
    needFull.add(folder);
    if (pendingFull) clearTimeout(pendingFull);
    pendingFull = setTimeout(() => {
      pendingFull = undefined;
      if (indexing || needFull.size === 0) return;
      const which = [...needFull];
      needFull.clear();
      void checkFolders(which);
    }, FULL_CHECK_MS);
  }

  /** Writes the folders' persistent indexes once changes settle (and at shutdown). */
  function scheduleSave(): void {
    if (pendingSave) clearTimeout(pendingSave);
    pendingSave = setTimeout(saveIndexes, SAVE_INDEX_MS);
  }

  function saveIndexes(): void {
    pendingSave = undefined;
    for (const folder of folders) {
      try {
        folder.saveIndex();
      } catch (error) {
        logError('writing the index failed', error);
      }
    }
  }

  /**
   * Runs the check of some folders with fresh settings, then publishes diagnostics and status. After
   * edits (`quick`), a folder whose edits moved positions only is answered without linking the
   * workspace, and checked in full once typing pauses.
   */
  async function checkFolders(which: FolderIndex[], quick = false): Promise<void> {
    await loadSettings(which);
    for (const folder of which) {
      try {
        const moved = quick ? folder.quickCheck() : undefined;
        if (moved) scheduleFull(folder);
        else {
          needFull.delete(folder);
          // In slices, dropped when the folder changes meanwhile: the editor never waits for it.
          const run = (checkRuns.get(folder) ?? 0) + 1;
          checkRuns.set(folder, run);
          const changes = folder.changes;
          const checked = await runInSlices(
            folder.checkSteps((rule, file) => levelFor(folder, rule, file)),
            () => folder.changes !== changes || checkRuns.get(folder) !== run,
          );
          if (!checked) continue; // stale: the change's own check follows
          // Only a full check can change features or events, hence the KPI scopes.
          kpis.update(folder);
        }
        publishFolder(folder);
        // After what the editor waits for: indexing the result for the next keystroke.
        if (!moved) setImmediate(() => folder.prepareKeystrokes());
      } catch (error) {
        // A bug in one check must not take the server down: keep the last results.
        logError('check failed', error);
      }
    }
    sendStatus('ready');
    refreshLenses();
    scheduleSave();
  }

  /** The folder's findings from the last check, and the live rules' over the last KPIs. */
  function publishFolder(folder: FolderIndex): void {
    const result = folder.result;
    if (!result) return;
    const live = kpis.diagnostics(folder, (rule, file) => levelFor(folder, rule, file));
    const all = live.length ? { ...result, diagnostics: [...result.diagnostics, ...live] } : result;
    publisher.publish(
      toLspDiagnostics(folder.root, all, (uri) => folder.analyzedVersion(uri)),
      (uri) => folderOf(uri) === folder,
    );
  }

  function levelFor(folder: FolderIndex, rule: string, file: string): RuleLevel | undefined {
    const own = settings.get(folder.uriOf(file));
    const s = own ?? settings.get(folder.uri);
    const level = s?.rules[rule as keyof ServerSettings['rules']];
    return level && level !== 'default' ? level : undefined;
  }

  /** Per-resource settings: each folder's, and each open document's (they can differ per language). */
  async function loadSettings(which: FolderIndex[]): Promise<void> {
    const scopes = new Set<string>(which.map((f) => f.uri));
    for (const doc of documents.all()) if (which.some((f) => f === folderOf(doc.uri))) scopes.add(doc.uri);
    const missing = [...scopes].filter((uri) => !settings.has(uri));
    if (missing.length === 0) return;
    if (!supportsConfiguration) {
      for (const uri of missing) settings.set(uri, resolveSettings(undefined));
      return;
    }
    try {
      const values: unknown[] = await connection.workspace.getConfiguration(
        missing.map((scopeUri) => ({ scopeUri, section: 'activationLens' })),
      );
      missing.forEach((uri, i) => settings.set(uri, resolveSettings(values[i])));
    } catch {
      for (const uri of missing) settings.set(uri, resolveSettings(undefined));
    }
  }

  function settingsOf(uri: string): ServerSettings {
    const folder = folderOf(uri);
    return settings.get(uri) ?? (folder && settings.get(folder.uri)) ?? resolveSettings(undefined);
  }

  function logError(what: string, error: unknown): void {
    connection.console.error(
      `${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }

  function folderOf(uri: string): FolderIndex | undefined {
    const fsPath = uriToPath(uri);
    if (!fsPath) return undefined;
    // The deepest folder wins when workspace folders nest.
    return folders.filter((f) => f.owns(fsPath)).sort((a, b) => b.root.length - a.root.length)[0];
  }

  function schedule(folder: FolderIndex): void {
    dirty.add(folder);
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      if (indexing) return; // the running index checks everything when it finishes
      const which = [...dirty];
      dirty.clear();
      void checkFolders(which, true);
    }, DEBOUNCE_MS);
  }

  function refreshLenses(): void {
    if (supportsLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  function status(state: StatusParams['state']): StatusParams {
    let features = 0;
    let gaps = 0;
    let files = 0;
    for (const folder of folders) {
      files += folder.fileCount;
      features += folder.result?.features.length ?? 0;
      if (folder.result) gaps += reportedGaps(folder.result).size;
    }
    return { state, features, gaps, files };
  }

  function sendStatus(state: StatusParams['state']): void {
    void connection.sendNotification(StatusNotification, status(state));
  }

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    void checkFolders(folders);
  });

  documents.onDidOpen(({ document }) => {
    const folder = folderOf(document.uri);
    const fsPath = uriToPath(document.uri);
    if (!folder || !fsPath) return;
    justOpened.add(document.uri);
    const changed = folder.documentOpened(document.uri, fsPath, document.version, document.getText());
    // A newly open document may also have settings of its own (language-specific overrides).
    if (changed || !settings.has(document.uri)) schedule(folder);
  });

  documents.onDidChangeContent(({ document }) => {
    // The first content event of a document is its opening, handled above.
    if (justOpened.delete(document.uri)) return;
    const folder = folderOf(document.uri);
    const fsPath = uriToPath(document.uri);
    if (folder && fsPath && folder.documentChanged(fsPath)) schedule(folder);
  });

  documents.onDidClose(({ document }) => {
    settings.delete(document.uri);
    // The disk text applies again.
    const folder = folderOf(document.uri);
    const fsPath = uriToPath(document.uri);
    if (folder && fsPath && folder.documentChanged(fsPath)) schedule(folder);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const byFolder = new Map<FolderIndex, { fsPath: string; kind: 'created' | 'changed' | 'deleted' }[]>();
    for (const change of changes) {
      const folder = folderOf(change.uri);
      const fsPath = uriToPath(change.uri);
      if (!folder || !fsPath) continue;
      // Open documents are followed through their edits, not through the disk.
      if (change.type === FileChangeType.Changed && documents.get(change.uri)) continue;
      const kind =
        change.type === FileChangeType.Created
          ? 'created'
          : change.type === FileChangeType.Deleted
            ? 'deleted'
            : 'changed';
      let list = byFolder.get(folder);
      if (!list) byFolder.set(folder, (list = []));
      list.push({ fsPath, kind });
    }
    for (const [folder, list] of byFolder) if (folder.filesChanged(list)) schedule(folder);
  });

  /** The folder, its latest result and the file's workspace-relative path, for requests on a document. */
  function target(uri: string) {
    const folder = folderOf(uri);
    const fsPath = uriToPath(uri);
    if (!folder?.result || !fsPath) return undefined;
    const rel = folder.relative(fsPath) ?? folder.relativeAny(fsPath);
    if (rel === undefined || !settingsOf(uri).enable) return undefined;
    return { folder, result: folder.result, file: rel };
  }

  connection.onHover(({ textDocument, position }): Hover | null => {
    const t = target(textDocument.uri);
    if (!t) return null;
    return hoverAt(
      {
        result: t.result,
        file: t.file,
        uriOf: (file) => t.folder.uriOf(file),
        kpiSection: (f) => kpis.featureSection(t.folder, f),
        eventSection: (call) => kpis.eventSection(t.folder, call),
      },
      position,
    );
  });

  connection.onCodeLens(({ textDocument }): CodeLens[] => {
    const t = target(textDocument.uri);
    const lens = settingsOf(textDocument.uri).codeLens;
    if (!t || !lens.enable) return [];
    return codeLenses(t.result, t.file, lens.kpis ? (f) => kpis.lensText(t.folder, f) : undefined);
  });

  connection.onCodeAction((params): CodeAction[] => {
    const t = target(params.textDocument.uri);
    if (!t) return [];
    const { folder } = t;
    const host: ActionHost = {
      result: t.result,
      readFile: (file) => folder.readFile(file),
      resolveModule: (from, spec) => folder.resolveModule(from, spec),
      planDefault: folder.planOf(t.file)?.plan.sdks.tracking[0]?.callee,
      uriOf: (file) => folder.uriOf(file),
      versionOf: (uri) => documents.get(uri)?.version,
      analyzedVersion: (uri) => folder.analyzedVersion(uri),
      gatesOf: (file) => folder.gatesOf(file),
      newPlanFile: folder.defaultPlanFile,
    };
    try {
      return codeActions(host, t.file, params);
    } catch (error) {
      logError('code actions failed', error);
      return [];
    }
  });

  connection.onRequest(FeaturesRequest, (params: FeaturesParams | undefined): FeaturesResult => {
    const chosen = params?.folder ? folders.filter((f) => f.uri === params.folder) : folders;
    return {
      features: chosen.flatMap((f) =>
        f.result
          ? kpis.withKpis(
              f,
              featureSummaries(f.result, (file) => f.uriOf(file)),
            )
          : [],
      ),
    };
  });

  connection.onRequest(RescanRequest, async () => {
    await indexAll();
    return status('ready');
  });

  connection.onRequest<CreatePlanResult, unknown>(CreatePlanRequest, createPlan);

  connection.onShutdown(() => {
    if (pendingSave) clearTimeout(pendingSave);
    if (pendingFull) clearTimeout(pendingFull);
    if (!indexing) saveIndexes();
    kpis.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

/**
 * `initializationOptions` of the server: `storagePath`, the client's storage folder for the workspace
 * (VS Code's `context.storageUri`), where the persistent index lives; none keeps nothing on disk.
 */
function folderIndexOptions(init: unknown): FolderIndexOptions {
  const options = (init && typeof init === 'object' ? init : {}) as Record<string, unknown>;
  const out: FolderIndexOptions = {};
  if (typeof options.storagePath === 'string' && options.storagePath) out.storagePath = options.storagePath;
  if (typeof options.jobs === 'number' && options.jobs >= 0) out.jobs = Math.floor(options.jobs);
  return out;
}
