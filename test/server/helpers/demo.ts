// Helpers for server tests on a copy of the demo workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { copyDemo, removeDir } from '../../helpers/fixtures';
import { type ClientOptions, TestClient } from './lsp-client';

export class DemoSession {
  private constructor(
    readonly root: string,
    readonly client: TestClient,
  ) {}

  static async start(options: ClientOptions = {}, prepare?: (root: string) => void): Promise<DemoSession> {
    const root = copyDemo();
    prepare?.(root);
    const client = await TestClient.start(root, options);
    await client.waitReady();
    return new DemoSession(root, client);
  }

  uri(rel: string): string {
    return this.client.uri(this.root, rel);
  }

  read(rel: string): string {
    const uri = this.uri(rel);
    return this.client.texts.get(uri) ?? fs.readFileSync(path.join(this.root, rel), 'utf8');
  }

  async open(rel: string): Promise<string> {
    const uri = this.uri(rel);
    await this.client.open(
      uri,
      fs.readFileSync(path.join(this.root, rel), 'utf8'),
      rel.endsWith('.yaml') ? 'yaml' : 'typescriptreact',
    );
    return uri;
  }

  diagnostics(rel: string): Diagnostic[] {
    return this.client.diagnostics.get(this.uri(rel)) ?? [];
  }

  /** Waits until the diagnostics of `rel` satisfy `predicate`. */
  waitDiagnostics(rel: string, predicate: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    return this.client.waitFor(
      () => (predicate(this.diagnostics(rel)) ? this.diagnostics(rel) : undefined),
      what,
    );
  }

  async hover(rel: string, line: number, character: number): Promise<string> {
    const hover: Hover | null = await this.client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: this.uri(rel) },
      position: { line, character },
    });
    return hover ? (hover.contents as { value: string }).value : '';
  }

  async codeActions(rel: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    return this.client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: this.uri(rel) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], ...(only ? { only } : {}) },
    });
  }

  async stop(): Promise<void> {
    await this.client.stop();
    removeDir(this.root);
  }
}
