// Messages between the scan pool and its workers (plain data: structured clone).
import type { AnalysisConfig } from '../../core/config';
import type { FileRecord } from '../../core/facts-store';
import type { FileStat } from '../files';

export interface WorkerInit {
  root: string;
  /** Every source file of the scope (module resolution needs to know which exist). */
  files: string[];
  config: AnalysisConfig;
  /** Where the parser's V8 code cache lives (none: compile afresh). */
  codeCacheDir?: string;
}

/** What to extract: candidate facts (and words), or also the exports and/or full facts of non-candidates. */
export type ScanMode = 'candidate' | 'exports' | 'full' | 'both';

export interface BatchRequest {
  id: number;
  files: string[];
  mode: ScanMode;
}

/** One file as a worker read and extracted it: the stat taken before reading, and the text's hash. */
export interface ScannedFile {
  file: string;
  stat: FileStat;
  hash: string;
  /** When it was read (Date.now()). */
  readAt: number;
  record: FileRecord;
}

export interface BatchResult {
  id: number;
  results: ScannedFile[];
  /** CPU time the batch took in the worker (ms). */
  cpuMs: number;
}
