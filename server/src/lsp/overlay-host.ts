// The core's file access inside the server: open documents win over the disk, so analysis follows
// the editor's unsaved text.
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ModuleHost } from '../core/modules';
import { DiskHost, type ReadListener } from '../workspace/host';
import { pathToUri } from './uris';

/** The open documents (the server's `TextDocuments`, or a stand-in in benchmarks). */
export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

export class OverlayHost implements ModuleHost {
  private disk: DiskHost;

  constructor(
    private readonly root: string,
    private readonly documents: DocumentSource,
    files: ReadonlySet<string>,
    /** Told of disk reads only: an open document's text is never the index's. */
    private readonly onDiskRead?: ReadListener,
  ) {
    this.disk = new DiskHost(root, files, onDiskRead);
  }

  setFiles(files: ReadonlySet<string>): void {
    this.disk = new DiskHost(this.root, files, this.onDiskRead);
  }

  fileExists(rel: string): boolean {
    return this.disk.fileExists(rel);
  }

  readFile(rel: string): string | undefined {
    const open = this.documents.get(pathToUri(path.join(this.root, rel)));
    return open ? open.getText() : this.disk.readFile(rel);
  }
}
