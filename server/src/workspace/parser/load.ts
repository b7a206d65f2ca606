// Loads the parser (typescript-estree, TypeScript, per-file extraction) on first use. In the bundles
// it is its own file, dist/parser.js, compiled with a V8 code cache kept in the index folder when
// there is one: compiling TypeScript's 9 MB takes longer than a warm `check` of a large workspace.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { threadId } from 'node:worker_threads';
import type { Extract } from '../../core/facts-store';
import type * as Entry from './entry';

/** Set by esbuild (esbuild.mjs `define`): running from dist/, where the parser is dist/parser.js. */
declare const AL_PARSER_BUNDLE: string | undefined;

let loaded: typeof Entry | undefined;
let codeCacheDir: string | undefined = defaultCodeCacheDir();
/** Writes the code cache once the parser has run (so that it holds the parsing functions, compiled). */
let saveCodeCache: (() => void) | undefined;

/** Keeps the compiled parser's code cache in this folder from now on (default: the system's temp folder). */
export function useCodeCache(dir: string | undefined): void {
  codeCacheDir = dir ?? defaultCodeCacheDir();
}

/**
 * Where the code cache goes when no index folder is given: a per-user folder of the system's temp
 * folder (it only holds V8's compiled code for our own bundles, keyed by their size and time).
 */
export function defaultCodeCacheDir(): string {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  return path.join(os.tmpdir(), `activation-lens-v8-${user}`);
}

export function parser(): typeof Entry {
  if (!loaded) {
    // A constant condition in the bundles, so that esbuild leaves the sources' branch out.
    if (typeof AL_PARSER_BUNDLE === 'string') {
      const cached = requireCached(path.join(__dirname, AL_PARSER_BUNDLE), codeCacheDir);
      loaded = cached.exports as typeof Entry;
      saveCodeCache = cached.save;
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('./entry') as typeof Entry;
    }
  }
  return loaded;
}

/** Whether this runs from the bundles in dist/ (rather than from the sources, in tests). */
export function bundled(): boolean {
  return typeof AL_PARSER_BUNDLE === 'string';
}

/** `extractFile`, loading the parser on the first call. */
export const lazyExtract: Extract = (file, text, options) => {
  const facts = parser().extractFile(file, text, options);
  if (saveCodeCache) {
    const save = saveCodeCache;
    saveCodeCache = undefined;
    save();
  }
  return facts;
};

/**
 * `require` of a CommonJS bundle through a V8 code cache: the cache is keyed by the bundle's size and
 * time, and ignored when V8 rejects it. `save` writes it when it was missing or rejected: call it after
 * the module has done some work, so that the functions that ran are in it, compiled. Without a
 * folder it is a plain `require`.
 */
export function requireCached(
  file: string,
  cacheDir: string | undefined,
): { exports: unknown; save?: () => void } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!cacheDir) return { exports: require(file) };
  let source: string;
  let stat: fs.Stats;
  try {
    source = fs.readFileSync(file, 'utf8');
    stat = fs.statSync(file);
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { exports: require(file) };
  }
  const cacheFile = path.join(
    cacheDir,
    `${path.basename(file)}-${stat.size}-${Math.floor(stat.mtimeMs)}.v8cache`,
  );
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    path.dirname(file),
  );
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const localRequire = Module.createRequire(file);
  run.call(mod.exports, mod.exports, localRequire, mod, file, path.dirname(file));
  mod.loaded = true;
  if (cachedData && !script.cachedDataRejected) return { exports: mod.exports };
  const save = () => {
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const prefix = `${path.basename(file)}-`;
      for (const old of fs.readdirSync(cacheDir))
        if (old.startsWith(prefix) && old.endsWith('.v8cache'))
          fs.rmSync(path.join(cacheDir, old), { force: true });
      // Per thread: the language server and its scan worker may both write it.
      const tmp = `${cacheFile}.${process.pid}.${threadId}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {
      // A read-only or full disk only costs the next start the compile time.
    }
  };
  return { exports: mod.exports, save };
}
