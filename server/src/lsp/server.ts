// The language server: wires LSP requests to the workspace indexes. Thin on purpose: analysis is in
// core, presentation of hovers/lenses/diagnostics in their own modules.
import {
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
import { VERSION } from '../cli/version';
import { codeLenses } from './code-lens';
import { createPlan } from './create-plan';
import { featureSummaries } from './features';
import { FolderIndex } from './folder-index';
import { hoverAt } from './hover';
import { resolveSettings, type ServerSettings } from './settings';
import { uriToPath } from './uris';

/** Edits are analysed once typing pauses this long. */
const DEBOUNCE_MS = 150;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const folders: FolderIndex[] = [];
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  let supportsConfiguration = false;
  let supportsProgress = false;
  let supportsWatchRegistration = false;
  let supportsLensRefresh = false;
  let indexing: { cancelled: boolean } | undefined;
  let pending: NodeJS.Timeout | undefined;
  const dirty = new Set<FolderIndex>();

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
    for (const uri of roots) {
      const root = uriToPath(uri);
      if (root) folders.push(new FolderIndex(root, uri, documents));
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
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
          { globPattern: '**/activation-lens.yaml' },
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
      connection.console.error(
        `indexing failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    } finally {
      reporter?.done();
    }
    if (token.cancelled) return;
    indexing = undefined;
    publishAll();
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
      if (indexing) return; // the running index publishes when it finishes
      const folders = [...dirty];
      dirty.clear();
      for (const f of folders) f.relink();
      publishAll();
    }, DEBOUNCE_MS);
  }

  function publishAll(): void {
    sendStatus('ready');
    // A new analysis changes lenses everywhere (a feature's events may live in other files).
    refreshLenses();
  }

  function refreshLenses(): void {
    if (supportsLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  function status(state: StatusParams['state']): StatusParams {
    let features = 0;
    let files = 0;
    for (const folder of folders) {
      files += folder.fileCount;
      features += new Set(folder.analysis?.entryPoints.map((e) => e.feature).filter((f) => f !== null)).size;
    }
    return { state, features, gaps: 0, files };
  }

  function sendStatus(state: StatusParams['state']): void {
    void connection.sendNotification(StatusNotification, status(state));
  }

  function settingsFor(uri: string): Promise<ServerSettings> {
    if (!supportsConfiguration) return Promise.resolve(resolveSettings(undefined));
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'activationLens' })
        .then(resolveSettings, () => resolveSettings(undefined));
      settingsCache.set(uri, cached);
    }
    return cached;
  }

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    refreshLenses();
  });

  documents.onDidChangeContent(({ document }) => {
    const folder = folderOf(document.uri);
    const fsPath = uriToPath(document.uri);
    if (folder && fsPath && folder.documentChanged(fsPath)) schedule(folder);
  });

  documents.onDidClose(({ document }) => {
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

  connection.onHover(async ({ textDocument, position }): Promise<Hover | null> => {
    const folder = folderOf(textDocument.uri);
    const fsPath = uriToPath(textDocument.uri);
    const rel = folder && fsPath ? folder.relative(fsPath) : undefined;
    if (!folder?.analysis || rel === undefined || !(await settingsFor(textDocument.uri)).enable) return null;
    return hoverAt(folder.analysis, rel, position, (file) => folder.uriOf(file));
  });

  connection.onCodeLens(async ({ textDocument }): Promise<CodeLens[]> => {
    const folder = folderOf(textDocument.uri);
    const fsPath = uriToPath(textDocument.uri);
    const rel = folder && fsPath ? folder.relative(fsPath) : undefined;
    if (!folder?.analysis || rel === undefined) return [];
    const settings = await settingsFor(textDocument.uri);
    if (!settings.enable || !settings.codeLens.enable) return [];
    return codeLenses(folder.analysis, rel);
  });

  connection.onRequest(FeaturesRequest, (params: FeaturesParams | undefined): FeaturesResult => {
    const chosen = params?.folder ? folders.filter((f) => f.uri === params.folder) : folders;
    return {
      features: chosen.flatMap((f) =>
        f.analysis ? featureSummaries(f.analysis, (file) => f.uriOf(file)) : [],
      ),
    };
  });

  connection.onRequest(RescanRequest, async () => {
    await indexAll();
    return status('ready');
  });

  connection.onRequest<CreatePlanResult, unknown>(CreatePlanRequest, createPlan);

  documents.listen(connection);
  connection.listen();
}
