// The core's file access inside the server: open documents win over the disk, so analysis follows
// the editor's unsaved text.
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ModuleHost } from '../core/modules';
import { DiskHost } from '../workspace/host';
import { pathToUri } from './uris';

export class OverlayHost implements ModuleHost {
  private disk: DiskHost;

  constructor(
    private readonly root: string,
    private readonly documents: TextDocuments<TextDocument>,
    files: ReadonlySet<string>,
  ) {
    this.disk = new DiskHost(root, files);
  }

  setFiles(files: ReadonlySet<string>): void {
    this.disk = new DiskHost(this.root, files);
  }

  fileExists(rel: string): boolean {
    return this.disk.fileExists(rel);
  }

  readFile(rel: string): string | undefined {
    const open = this.documents.get(pathToUri(path.join(this.root, rel)));
    return open ? open.getText() : this.disk.readFile(rel);
  }
}
