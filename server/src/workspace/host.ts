// The core's file access, served from disk. Files that look binary (a NUL byte in the first 8 KB) or
// are too large read as absent, and are counted. Texts are not kept: the core keeps what it needs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleHost } from '../core/modules';
import { type FileStat, MAX_FILE_BYTES } from './files';

/** Told of each source file read, with its size and time taken before reading (for the index). */
export type ReadListener = (rel: string, text: string, stat: FileStat) => void;

export class DiskHost implements ModuleHost {
  private readonly binary = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly sourceFiles: ReadonlySet<string>,
    private readonly onRead?: ReadListener,
  ) {}

  fileExists(rel: string): boolean {
    return this.sourceFiles.has(rel);
  }

  /** How many source files were found to be binary. */
  get binaryFiles(): number {
    return this.binary.size;
  }

  readFile(rel: string): string | undefined {
    const abs = path.join(this.root, rel);
    let buf: Buffer;
    // Stat first: a change made after it shows as a newer time next run, never as an older text.
    let stat: fs.Stats | undefined;
    try {
      if (this.onRead && this.sourceFiles.has(rel)) stat = fs.statSync(abs);
      buf = fs.readFileSync(abs);
    } catch {
      return undefined;
    }
    if (buf.length > MAX_FILE_BYTES) return undefined;
    if (buf.subarray(0, 8192).includes(0)) {
      if (this.sourceFiles.has(rel)) this.binary.add(rel);
      return undefined;
    }
    const text = buf.toString('utf8');
    if (stat) this.onRead!(rel, text, { size: stat.size, mtimeMs: stat.mtimeMs });
    return text;
  }
}
