// Open documents for in-process FolderIndex runs (tests, benchmarks): what the server's
// TextDocuments holds, without a connection.
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSource } from '../../server/src/lsp/overlay-host';
import { pathToUri } from '../../server/src/lsp/uris';

export class OpenDocuments implements DocumentSource {
  private readonly docs = new Map<string, TextDocument>();

  constructor(private readonly root: string) {}

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }

  uri(rel: string): string {
    return pathToUri(path.join(this.root, ...rel.split('/')));
  }

  fsPath(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  /** Opens (or replaces) a document's text; returns its file path. */
  set(rel: string, text: string): string {
    const uri = this.uri(rel);
    const old = this.docs.get(uri);
    this.docs.set(uri, TextDocument.create(uri, 'typescriptreact', (old?.version ?? 0) + 1, text));
    return this.fsPath(rel);
  }

  /** Applies an edit at an offset range, as an editor's incremental change would. */
  edit(rel: string, start: number, end: number, text: string): string {
    const doc = this.docs.get(this.uri(rel))!;
    TextDocument.update(
      doc,
      [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text }],
      doc.version + 1,
    );
    return this.fsPath(rel);
  }

  close(rel: string): string {
    this.docs.delete(this.uri(rel));
    return this.fsPath(rel);
  }

  /** Open texts by workspace-relative path. */
  texts(): Map<string, string> {
    const out = new Map<string, string>();
    for (const doc of this.docs.values()) {
      const rel = path.relative(this.root, URI_PATH(doc.uri)).split(path.sep).join('/');
      out.set(rel, doc.getText());
    }
    return out;
  }
}

function URI_PATH(uri: string): string {
  return decodeURIComponent(new URL(uri).pathname);
}
