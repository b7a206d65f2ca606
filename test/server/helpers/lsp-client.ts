// A real LSP client for server tests: spawns the built server (`dist/server.js --stdio`) and talks to
// it with vscode-languageserver-protocol, as an editor would.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  type FileEvent,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  Trace,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  KpiStatusNotification,
  type KpiStatusParams,
  StatusNotification,
  type StatusParams,
} from '../../../server/src/protocol';

const SERVER = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

export interface ClientOptions {
  /** Answers to `workspace/configuration` (section `activationLens`), per scope URI or for all. */
  settings?: (scopeUri: string | undefined) => unknown;
  /** Arguments to start the server with (default: the server bundle over stdio). */
  args?: string[];
  /** Environment variables added to this process's for the server. */
  env?: Record<string, string>;
  /** `initializationOptions` of the initialize request (e.g. the client's `storagePath`: index, KPI cache). */
  initializationOptions?: unknown;
  /** Handlers of further server → client requests (e.g. `activationLens/secret`), by method. */
  requests?: Record<string, (params: never) => unknown>;
  /** Every message, traced as an editor with `trace.server: verbose` writes it to its output. */
  trace?: (line: string) => void;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly progress: unknown[] = [];
  readonly statuses: StatusParams[] = [];
  readonly kpiStatuses: KpiStatusParams[] = [];
  /** `window/logMessage` messages: what an editor shows in its output. */
  readonly logs: { type: number; message: string }[] = [];
  readonly stderr: string[] = [];
  private readonly versions = new Map<string, number>();
  /** Texts of the documents this client has open. */
  readonly texts = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private exited = false;

  /** The server's process id (benchmarks sample its memory). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: ClientOptions,
  ) {
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    child.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    child.on('exit', () => {
      this.exited = true;
      this.notify();
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.notify();
    });
    this.connection.onNotification(StatusNotification, (p: StatusParams) => {
      this.statuses.push(p);
      this.notify();
    });
    this.connection.onNotification(KpiStatusNotification, (p: KpiStatusParams) => {
      this.kpiStatuses.push(p);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p);
      this.notify();
    });
    this.connection.onNotification('$/progress', (p: unknown) => {
      this.progress.push(p);
      this.notify();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) =>
      p.items.map((item) => this.options.settings?.(item.scopeUri) ?? null),
    );
    for (const [method, handler] of Object.entries(this.options.requests ?? {}))
      this.connection.onRequest(method, handler);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.notify();
      return null;
    });
    this.connection.listen();
    const trace = this.options.trace;
    if (trace) {
      void this.connection.trace(Trace.Verbose, {
        log: (message: string | unknown, data?: string) =>
          trace(`${String(message)}${data ? `\n${data}` : ''}`),
      });
    }
  }

  static async start(root: string, options: ClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, options.args ?? [SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    });
    const client = new TestClient(child, options);
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: URI.file(root).toString(),
      workspaceFolders: [{ uri: URI.file(root).toString(), name: path.basename(root) }],
      ...(options.initializationOptions !== undefined
        ? { initializationOptions: options.initializationOptions }
        : {}),
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          codeLens: { refreshSupport: true },
        },
        window: { workDoneProgress: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
          hover: { contentFormat: ['markdown'] },
        },
      },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Resolves once `predicate` holds, re-checking whenever the server sends something. */
  waitFor<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.exited)
          return finish(new Error(`server exited while waiting for ${what}: ${this.stderr.join('')}`));
        let value: T | undefined | false;
        try {
          value = predicate();
        } catch (error) {
          return finish(error as Error);
        }
        if (value) finish(undefined, value);
      };
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const finish = (error?: Error, value?: T) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (error) reject(error);
        else resolve(value as T);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Waits for the next `ready` status after `since` statuses were seen. */
  waitReady(since = this.statuses.length): Promise<StatusParams> {
    return this.waitFor(() => this.statuses.slice(since).find((s) => s.state === 'ready'), 'a ready status');
  }

  uri(root: string, rel: string): string {
    return URI.file(path.join(root, rel)).toString();
  }

  async open(uri: string, text: string, languageId = 'typescriptreact'): Promise<void> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri) ?? '';
    for (const c of changes) {
      if ('range' in c) {
        const doc = TextDocument.create(uri, '', 0, text);
        text = TextDocument.applyEdits(doc, [{ range: c.range, newText: c.text }]);
      } else text = c.text;
    }
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  /**
   * Applies a workspace edit as an editor does: open documents get a didChange (refused when the
   * edit names another version), files on disk are written and reported as changed or created.
   * Returns false when any part was refused.
   */
  async applyEdit(edit: WorkspaceEdit): Promise<boolean> {
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') return false;
        const file = URI.parse(change.uri).fsPath;
        if (!fs.existsSync(file)) {
          fs.writeFileSync(file, '');
          await this.filesChanged([{ uri: change.uri, type: FileChangeType.Created }]);
        }
        continue;
      }
      const { uri, version } = change.textDocument;
      const edits = change.edits.filter((e): e is TextEdit => 'range' in e);
      if (this.texts.has(uri)) {
        if (version !== null && version !== this.versions.get(uri)) return false;
        const doc = TextDocument.create(uri, '', 0, this.texts.get(uri)!);
        await this.change(uri, [{ text: TextDocument.applyEdits(doc, edits) }]);
      } else {
        const file = URI.parse(uri).fsPath;
        const doc = TextDocument.create(uri, '', 0, fs.readFileSync(file, 'utf8'));
        fs.writeFileSync(file, TextDocument.applyEdits(doc, edits));
        await this.filesChanged([{ uri, type: FileChangeType.Changed }]);
      }
    }
    return true;
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      await this.connection.sendRequest('shutdown').catch(() => undefined);
      await this.connection.sendNotification('exit').catch(() => undefined);
      await this.waitFor(() => this.exited, 'the server to exit', 5000).catch(() =>
        this.child.kill('SIGKILL'),
      );
    }
    this.connection.dispose();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
