// Lists a workspace's source files the way a developer expects: `.gitignore` files (nested ones
// too) are respected, dependency and build-output folders are pruned, and oversized files skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isSourceFile } from '../core/languages';
import type { SkipCounts } from '../core/types';

/** Files larger than this are not analysed (minified bundles, generated code). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Folders never analysed, whatever `.gitignore` says: dependencies, VCS data and build output. */
export const PRUNED_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.output',
  '.turbo',
  '.vercel',
  '.svelte-kit',
  '.cache',
  'storybook-static',
]);

/** What the persistent index compares before trusting what it knows of a file. */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

export interface FileListing {
  /** Workspace-relative, `/`-separated, sorted. */
  files: string[];
  skipped: SkipCounts;
  /** Size and modification time of each listed file, as the listing saw them. */
  stats: Map<string, FileStat>;
}

interface IgnoreLayer {
  dir: string; // workspace-relative directory of the .gitignore
  rules: Ignore;
}

/**
 * Walks `root`. Each pruned folder or ignored file counts once in `skipped.ignored` (the contents of a
 * pruned folder are not walked, so not counted one by one).
 */
export function listSourceFiles(root: string, maxBytes = MAX_FILE_BYTES): FileListing {
  const files: string[] = [];
  const stats = new Map<string, FileStat>();
  const skipped: SkipCounts = { tooLarge: 0, ignored: 0, binary: 0 };
  const walk = (rel: string, layers: IgnoreLayer[]) => {
    const abs = rel ? path.join(root, rel) : root;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing to analyse there
    }
    const gitignore = entries.find((e) => e.isFile() && e.name === '.gitignore');
    if (gitignore) {
      const text = safeRead(path.join(abs, '.gitignore'));
      if (text !== undefined) layers = [...layers, { dir: rel, rules: ignore().add(text) }];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (PRUNED_DIRS.has(entry.name) || isIgnored(layers, childRel, true)) {
          skipped.ignored++;
          continue;
        }
        walk(childRel, layers);
      } else if (entry.isFile() && isSourceFile(entry.name)) {
        if (isIgnored(layers, childRel, false)) {
          skipped.ignored++;
          continue;
        }
        let stat: fs.Stats;
        try {
          stat = fs.statSync(path.join(root, childRel));
        } catch {
          continue;
        }
        if (stat.size > maxBytes) {
          skipped.tooLarge++;
          continue;
        }
        files.push(childRel);
        stats.set(childRel, { size: stat.size, mtimeMs: stat.mtimeMs });
      }
      // Symbolic links are not followed: they can loop and usually point into dependencies.
    }
  };
  walk('', []);
  return { files, skipped, stats };
}

function isIgnored(layers: IgnoreLayer[], rel: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const sub = layer.dir ? rel.slice(layer.dir.length + 1) : rel;
    if (layer.rules.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

function safeRead(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
