// The persistent index: what the analysis knows of each file (facts, identifier words, what they
// relied on), kept on disk between runs so that a restart re-reads only the files that changed. One
// JSON file per workspace folder, written atomically. An entry is used again when the file's size and
// time are unchanged (or, when they changed, its content hash is), for the same plan call shapes and
// the same engine; FactsStore.prime then checks what the facts relied on. Anything unreadable or from
// another engine is ignored: the index is only ever a shortcut to what a fresh run computes.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VERSION } from '../../cli/version';
import type { AnalysisConfig } from '../../core/config';
import type { FileRecord } from '../../core/facts-store';
import type { FileStat } from '../files';

/** Bumped when the shape of the file or of the facts changes. */
const INDEX_FORMAT = 1;
/**
 * A file modified this close to the time it was read could have changed again within the same clock
 * tick (coarse file-system times) after the read: its entry is checked by content hash next time.
 */
export const RACY_MS = 2000;

export interface CachedFile extends FileStat {
  hash: string;
  record: FileRecord;
  /** Modified too close to the save: trust the hash, not the time. */
  verify?: boolean;
}

interface IndexJson {
  format: number;
  engine: string;
  root: string;
  savedAt: number;
  scopes: Record<string, Record<string, CachedFile>>;
}

export function contentHash(text: string): string {
  return crypto.createHash('sha1').update(text).digest('hex');
}

/** The key of a plan's files: the plan file and its call shapes (what extraction depends on). */
export function scopeKey(planFile: string, config: AnalysisConfig): string {
  return `${planFile}#${contentHash(JSON.stringify(config)).slice(0, 16)}`;
}

/**
 * The running engine: the version, the index format and the code itself (the bundles' size and time),
 * so that a rebuilt extension or CLI never reads facts an older extractor wrote.
 */
function engineKey(): string {
  const parts = [VERSION, String(INDEX_FORMAT)];
  for (const file of [__filename, path.join(__dirname, 'parser.js')]) {
    try {
      const stat = fs.statSync(file);
      parts.push(`${stat.size}:${Math.floor(stat.mtimeMs)}`);
    } catch {
      parts.push('-');
    }
  }
  return parts.join('|');
}

export class IndexCache {
  private readonly scopes = new Map<string, Map<string, CachedFile>>();
  private dirty = false;
  /** Why an existing index was not used (absent: it was, or there was none). */
  ignored?: string;

  private constructor(
    readonly file: string,
    private readonly root: string,
  ) {}

  /** Where the index of a workspace folder lives inside a cache folder. */
  static fileFor(cacheDir: string, root: string): string {
    return path.join(cacheDir, `index-${contentHash(path.resolve(root)).slice(0, 16)}.json`);
  }

  static load(file: string, root: string): IndexCache {
    const cache = new IndexCache(file, root);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return cache;
    }
    let json: IndexJson;
    try {
      json = JSON.parse(text) as IndexJson;
    } catch {
      cache.ignored = 'unreadable';
      return cache;
    }
    if (
      !json ||
      typeof json !== 'object' ||
      json.format !== INDEX_FORMAT ||
      typeof json.scopes !== 'object'
    ) {
      cache.ignored = 'another format';
    } else if (json.engine !== engineKey()) {
      cache.ignored = 'another engine';
    } else if (json.root !== path.resolve(root)) {
      cache.ignored = 'another folder';
    } else {
      for (const [key, files] of Object.entries(json.scopes))
        cache.scopes.set(key, new Map(Object.entries(files)));
    }
    return cache;
  }

  /**
   * What the index knows of a file whose content is unchanged: same size and time, or else the same
   * hash (`read` gives the current text; branch switches rewrite files without changing many).
   */
  lookup(
    scope: string,
    file: string,
    stat: FileStat,
    read: () => string | undefined,
  ): CachedFile | undefined {
    const cached = this.scopes.get(scope)?.get(file);
    if (!cached) return undefined;
    if (!cached.verify && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) return cached;
    if (cached.size !== stat.size) return undefined;
    const text = read();
    if (text === undefined || contentHash(text) !== cached.hash) return undefined;
    const moved = { ...cached, ...stat };
    delete moved.verify;
    this.put(scope, file, moved);
    return moved;
  }

  put(scope: string, file: string, entry: CachedFile): void {
    let files = this.scopes.get(scope);
    if (!files) this.scopes.set(scope, (files = new Map()));
    if (same(files.get(file), entry)) return;
    files.set(file, entry);
    this.dirty = true;
  }

  /** Keeps only these scopes and, in each, the files still there. */
  retain(scopes: ReadonlyMap<string, ReadonlySet<string>>): void {
    for (const [key, files] of this.scopes) {
      const keep = scopes.get(key);
      if (!keep) {
        this.scopes.delete(key);
        this.dirty = true;
        continue;
      }
      for (const file of files.keys()) {
        if (keep.has(file)) continue;
        files.delete(file);
        this.dirty = true;
      }
    }
  }

  get changed(): boolean {
    return this.dirty;
  }

  get size(): number {
    let n = 0;
    for (const files of this.scopes.values()) n += files.size;
    return n;
  }

  /**
   * Writes the index (to a temporary file renamed over the old one) when it changed. Written entry by
   * entry, in chunks: the JSON of the whole index is 13 MB for 10,000 files, and building it as one
   * string (and then one buffer) was the language server's peak memory at every save. The text is
   * what `JSON.stringify` of the whole gives (no key of it is an array index).
   */
  save(): void {
    if (!this.dirty) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      let chunk = '';
      const write = (text: string) => {
        chunk += text;
        if (chunk.length < CHUNK) return;
        fs.writeSync(fd, chunk);
        chunk = '';
      };
      const head = {
        format: INDEX_FORMAT,
        engine: engineKey(),
        root: path.resolve(this.root),
        savedAt: Date.now(),
      };
      write(`${JSON.stringify(head).slice(0, -1)},"scopes":{`);
      let scopeSep = '';
      for (const [key, files] of this.scopes) {
        write(`${scopeSep}${JSON.stringify(key)}:{`);
        let sep = '';
        for (const [file, entry] of files) {
          write(`${sep}${JSON.stringify(file)}:${JSON.stringify(entry)}`);
          sep = ',';
        }
        write('}');
        scopeSep = ',';
      }
      write('}}');
      fs.writeSync(fd, chunk);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    this.dirty = false;
  }
}

/** Characters of the index written at a time. */
const CHUNK = 1 << 20;

/** The same text with the same kinds of facts, relying on the same things: nothing to write. */
function same(old: CachedFile | undefined, next: CachedFile): boolean {
  if (!old || old === next) return old === next;
  const a = old.record;
  const b = next.record;
  if (old.verify || old.hash !== next.hash || old.size !== next.size || old.mtimeMs !== next.mtimeMs)
    return false;
  // Facts taken from this entry are the very same objects.
  if (a.candidate === b.candidate && a.exports === b.exports && a.full === b.full && a.deps === b.deps)
    return true;
  return (
    (a.candidate === null) === (b.candidate === null) &&
    (a.exports === undefined) === (b.exports === undefined) &&
    (a.full === undefined) === (b.full === undefined) &&
    JSON.stringify(a.deps) === JSON.stringify(b.deps)
  );
}
