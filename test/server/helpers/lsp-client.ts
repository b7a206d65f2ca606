// A real LSP client for server tests: spawns the built server (`dist/server.js --stdio`) and talks to
// it with vscode-languageserver-protocol, as an editor would.
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type FileEvent,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { StatusNotification, type StatusParams } from '../../../server/src/protocol';

const SERVER = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

export interface ClientOptions {
  /** Answers to `workspace/configuration` (section `activationLens`), per scope URI or for all. */
  settings?: (scopeUri: string | undefined) => unknown;
  /** Arguments to start the server with (default: the server bundle over stdio). */
  args?: string[];
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly progress: unknown[] = [];
  readonly statuses: StatusParams[] = [];
  readonly stderr: string[] = [];
  private readonly versions = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private exited = false;

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
    this.connection.onNotification('$/progress', (p: unknown) => {
      this.progress.push(p);
      this.notify();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) =>
      p.items.map((item) => this.options.settings?.(item.scopeUri) ?? null),
    );
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.notify();
      return null;
    });
    this.connection.listen();
  }

  static async start(root: string, options: ClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, options.args ?? [SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const client = new TestClient(child, options);
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: URI.file(root).toString(),
      workspaceFolders: [{ uri: URI.file(root).toString(), name: path.basename(root) }],
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
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  async close(uri: string): Promise<void> {
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
