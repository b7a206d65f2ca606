// In-memory workspaces for core tests: real parser, real resolver, no disk.
import type { AnalysisConfig } from '../../server/src/core/config';
import { EMPTY_CONFIG } from '../../server/src/core/config';
import { isSourceFile } from '../../server/src/core/languages';
import type { ModuleHost } from '../../server/src/core/modules';
import { extractFile } from '../../server/src/core/extract';
import { type Analysis, scanWorkspace } from '../../server/src/core/scan';

export function memoryHost(files: Record<string, string>): ModuleHost {
  return {
    readFile: (path) => files[path],
    fileExists: (path) => Object.prototype.hasOwnProperty.call(files, path) && isSourceFile(path),
  };
}

export function scanSources(
  files: Record<string, string>,
  config: AnalysisConfig = EMPTY_CONFIG,
  knownFlagKeys: string[] = [],
): Analysis {
  const sources = Object.keys(files).filter(isSourceFile).sort();
  return scanWorkspace({
    files: sources,
    host: memoryHost(files),
    config,
    knownFlagKeys,
    extract: extractFile,
  });
}

/** Compact views for assertions: `[event, callee, sdk]` and `[feature, callee, sdk]`. */
export function events(analysis: Analysis): [string | null, string, string][] {
  return analysis.trackingCalls.map((c) => [c.event, c.callee, c.sdk]);
}

export function flags(analysis: Analysis): [string | null, string, string][] {
  return analysis.entryPoints.map((e) => [e.feature, e.callee, e.sdk]);
}

/** Scans one TSX file. */
export function scanOne(source: string, name = 'src/app.tsx', config?: AnalysisConfig): Analysis {
  return scanSources({ [name]: source }, config);
}
