// Analysis of a folder on disk: list its files, read the plan's call shapes, run the core.
import * as path from 'node:path';
import { planFlagKeys } from '../core/plan/model';
import { type Analysis, scanWorkspace } from '../core/scan';
import type { SkipCounts } from '../core/types';
import { listSourceFiles } from './files';
import { DiskHost } from './host';
import { PLAN_FILE, readPlan } from './plan';
import { lazyExtract } from './parser/load';

export { PLAN_FILE, readPlan };

export interface DirectoryAnalysis {
  root: string;
  files: string[];
  skipped: SkipCounts;
  analysis: Analysis;
}

export interface AnalyzeOptions {
  planFile?: string;
  /** Analyse every file in full, without the text pre-filters (the reference for tests). */
  parseEverything?: boolean;
}

export function analyzeDirectory(root: string, options: AnalyzeOptions = {}): DirectoryAnalysis {
  const listing = listSourceFiles(root);
  const host = new DiskHost(root, new Set(listing.files));
  const plan = readPlan(options.planFile ?? path.join(root, PLAN_FILE));
  const analysis = scanWorkspace({
    files: listing.files,
    host,
    config: plan.sdks,
    knownFlagKeys: planFlagKeys(plan),
    extract: lazyExtract,
    ...(options.parseEverything ? { parseEverything: true } : {}),
  });
  // Binary files are discovered while reading; they are not analysed, so they do not count as files.
  const binary = host.binaryFiles;
  return {
    root,
    files: listing.files,
    skipped: { ...listing.skipped, binary },
    analysis,
  };
}
