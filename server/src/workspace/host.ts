// The core's file access, served from disk. Files that look binary (a NUL byte in the first 8 KB) or
// are too large read as absent, and are counted. Texts are not kept: the core keeps what it needs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleHost } from '../core/modules';
import { MAX_FILE_BYTES } from './files';

export class DiskHost implements ModuleHost {
  private readonly binary = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly sourceFiles: ReadonlySet<string>,
  ) {}

  fileExists(rel: string): boolean {
    return this.sourceFiles.has(rel);
  }

  /** How many source files were found to be binary. */
  get binaryFiles(): number {
    return this.binary.size;
  }

  readFile(rel: string): string | undefined {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(path.join(this.root, rel));
    } catch {
      return undefined;
    }
    if (buf.length > MAX_FILE_BYTES) return undefined;
    if (buf.subarray(0, 8192).includes(0)) {
      if (this.sourceFiles.has(rel)) this.binary.add(rel);
      return undefined;
    }
    return buf.toString('utf8');
  }
}
