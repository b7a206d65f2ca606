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
    let read: { bytes: Buffer; length: number; stat: fs.Stats } | undefined;
    try {
      read = readBytes(abs);
    } catch {
      return undefined;
    }
    if (!read) return undefined;
    const { bytes, length, stat } = read;
    if (bytes.subarray(0, Math.min(length, 8192)).includes(0)) {
      if (this.sourceFiles.has(rel)) this.binary.add(rel);
      return undefined;
    }
    const text = bytes.toString('utf8', 0, length);
    if (this.onRead && this.sourceFiles.has(rel))
      this.onRead(rel, text, { size: stat.size, mtimeMs: stat.mtimeMs });
    return text;
  }
}

// A cold scan reads every file once: one open, fstat, read and close each, into a buffer kept for
// the next file (readFileSync made a buffer per file, and the index's stat was one more call).
const POOL_BYTES = 64 * 1024;
const pool = Buffer.allocUnsafe(POOL_BYTES);

/**
 * A file's bytes (in a buffer that the next call reuses) and its stat, taken on the open file before
 * reading: a change made after it shows as a newer time next run, never as an older text. Undefined
 * when larger than MAX_FILE_BYTES.
 */
function readBytes(abs: string): { bytes: Buffer; length: number; stat: fs.Stats } | undefined {
  const fd = fs.openSync(abs, 'r');
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size === 0) {
      // Empty, or a file whose size the kernel does not report (/proc): read to its end.
      const bytes = fs.readFileSync(fd);
      return bytes.length > MAX_FILE_BYTES ? undefined : { bytes, length: bytes.length, stat };
    }
    // As readFileSync: a regular file is read up to the size it had when opened.
    const size = stat.size;
    if (size > MAX_FILE_BYTES) return undefined;
    const bytes = size > POOL_BYTES ? Buffer.allocUnsafe(size) : pool;
    let length = 0;
    let read: number;
    do {
      read = fs.readSync(fd, bytes, length, size - length, null);
      length += read;
    } while (read !== 0 && length < size);
    return { bytes, length, stat };
  } finally {
    fs.closeSync(fd);
  }
}
