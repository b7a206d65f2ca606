// `check` of a folder on disk: list its files, find its plans, fill the facts stores (persistent
// index, scan workers), run the core, keep what it learnt.
import * as path from 'node:path';
import { type CheckResult, checkWorkspace } from '../core/check';
import type { LevelOverride } from '../core/rules/types';
import type { SkipCounts } from '../core/types';
import { listSourceFiles } from './files';
import { DiskHost } from './host';
import { IndexCache } from './index-cache/cache';
import { Indexer, type PrepareOptions, type PrepareReport } from './indexer';
import { lazyExtract, useCodeCache } from './parser/load';
import { IdleCores, workersFor } from './workers/idle-cores';
import { explicitPlan, findPlans } from './plans';

export interface DirectoryCheck {
  root: string;
  /** Source files analysed (binary files excluded). */
  files: number;
  skipped: SkipCounts;
  result: CheckResult;
  /** How the facts were obtained (index, workers); absent for the reference run. */
  index?: PrepareReport;
  /** Milliseconds spent listing, filling the stores, checking and writing the index. */
  timings: Record<string, number>;
  /** The cores other processes left free, when it was measured to pick the number of workers. */
  freeCores?: number;
}

export interface CheckDirectoryOptions {
  planFile?: string;
  levels?: LevelOverride;
  /** Keep the persistent index (and the parser's code cache) in this folder. */
  cacheDir?: string;
  /** Scan worker threads (undefined: by file count and cores; 0: none). */
  jobs?: number;
  /** Whether the main thread scans beside the workers (default: it does; nothing else waits on it). */
  mainThreadScans?: boolean;
  /** Progress, cancelling and a time budget for the scan (what it leaves is extracted by the check). */
  scan?: Pick<PrepareOptions, 'onProgress' | 'token' | 'budgetMs'>;
  /** The reference run: every file extracted in full on the main thread, no index, no workers. */
  parseEverything?: boolean;
}

export async function checkDirectory(
  root: string,
  options: CheckDirectoryOptions = {},
): Promise<DirectoryCheck> {
  const timings: Record<string, number> = {};
  let last = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - last);
    last = now;
  };
  // Measured across the listing (and the index's loading): how busy the cores are right now; only
  // when it picks the number of workers.
  const idle = options.jobs === undefined && !options.parseEverything ? new IdleCores() : undefined;
  const listing = listSourceFiles(root);
  lap('list');
  const plans = options.planFile ? [explicitPlan(root, options.planFile)] : findPlans(root, listing.files);
  if (options.parseEverything) {
    const host = new DiskHost(root, new Set(listing.files));
    const result = checkWorkspace({
      files: listing.files,
      host,
      plans,
      extract: lazyExtract,
      parseEverything: true,
      ...(options.levels ? { levels: options.levels } : {}),
    });
    lap('check');
    return { ...summarise(root, listing, host, result), timings };
  }
  if (options.cacheDir) useCodeCache(path.join(options.cacheDir, 'code'));
  const mainThreadScans = options.mainThreadScans ?? true;
  let freeCores: number | undefined;
  const indexer = new Indexer({
    root,
    extract: lazyExtract,
    ...(options.cacheDir
      ? {
          cacheFile: IndexCache.fileFor(options.cacheDir, root),
          codeCacheDir: path.join(options.cacheDir, 'code'),
        }
      : {}),
    ...(idle
      ? {
          maxJobs: async () => {
            freeCores = await idle.free();
            return workersFor(freeCores, mainThreadScans);
          },
        }
      : { jobs: options.jobs }),
    mainThreadScans,
  });
  const host = new DiskHost(root, new Set(listing.files), indexer.readListener);
  lap('load index');
  const index = await indexer.prepare({
    host,
    files: listing.files,
    plans,
    stats: listing.stats,
    ...options.scan,
  });
  lap('prepare');
  const result = checkWorkspace({
    files: listing.files,
    host,
    plans,
    extract: lazyExtract,
    storeFor: (planFile, plan) => indexer.storeFor(planFile, plan),
    ...(options.levels ? { levels: options.levels } : {}),
  });
  lap('check');
  try {
    indexer.save();
  } catch (error) {
    // The index is a shortcut: failing to write it must not fail the check.
    process.stderr.write(`activation-lens: cannot write the index: ${(error as Error).message}\n`);
  }
  lap('save index');
  // Files the main thread still had to read or parse (benchmarks: what the index and workers missed).
  for (const store of indexer.stores()) {
    timings.mainReads = (timings.mainReads ?? 0) + store.counts.reads;
    timings.mainExtracted = (timings.mainExtracted ?? 0) + store.counts.extracted;
  }
  return {
    ...summarise(root, listing, host, result),
    index,
    timings,
    ...(freeCores !== undefined ? { freeCores } : {}),
  };
}

function summarise(
  root: string,
  listing: ReturnType<typeof listSourceFiles>,
  host: DiskHost,
  result: CheckResult,
): Omit<DirectoryCheck, 'timings'> {
  const binary = host.binaryFiles;
  return { root, files: listing.files.length - binary, skipped: { ...listing.skipped, binary }, result };
}
