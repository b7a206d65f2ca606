// Analysis of a folder on disk: list its files, read the plan's call shapes, run the core.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { emptyPlan, type Plan, planFlagKeys } from '../core/plan/model';
import { parsePlan } from '../core/plan/parse';
import { type Analysis, scanWorkspace } from '../core/scan';
import type { SkipCounts } from '../core/types';
import { listSourceFiles } from './files';
import { DiskHost } from './host';
import { lazyExtract } from './parser/load';

export const PLAN_FILE = 'activation-lens.yaml';

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

/** The plan at `file`, or the zero-config default when there is none. */
export function readPlan(file: string): Plan {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return emptyPlan();
  }
  return parsePlan(text, file).plan;
}
