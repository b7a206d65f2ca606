// The `scan --format json` contract (issue: core engine): positions are 1-based, paths relative.
import type { EntryPoint, ParseError, SkipCounts, TrackingCall } from '../../core/types';
import type { DirectoryAnalysis } from '../../workspace/analyze';

export interface ScanJson {
  files: number;
  skipped: SkipCounts;
  parseErrors: ParseError[];
  entryPoints: Record<string, unknown>[];
  trackingCalls: Record<string, unknown>[];
}

export function scanJson(result: DirectoryAnalysis): ScanJson {
  const { analysis } = result;
  return {
    files: result.files.length - result.skipped.binary,
    skipped: result.skipped,
    parseErrors: analysis.parseErrors,
    entryPoints: analysis.entryPoints.map(entryPointJson),
    trackingCalls: analysis.trackingCalls.map(trackingCallJson),
  };
}

export function entryPointJson(ep: EntryPoint): Record<string, unknown> {
  return {
    feature: ep.feature,
    ...(ep.feature === null ? { unresolved: true, expression: ep.expression } : {}),
    file: ep.file,
    line: ep.span.start.line,
    column: ep.span.start.column,
    sdk: ep.sdk,
    callee: ep.callee,
    autoExposure: ep.autoExposure,
    ...(ep.camelCasedKey ? { camelCasedKey: ep.camelCasedKey } : {}),
  };
}

export function trackingCallJson(call: TrackingCall): Record<string, unknown> {
  return {
    event: call.event,
    ...(call.event === null ? { unresolved: true, expression: call.expression } : {}),
    file: call.file,
    line: call.span.start.line,
    column: call.span.start.column,
    sdk: call.sdk,
    callee: call.callee,
    ...(call.kind !== 'track' ? { kind: call.kind } : {}),
    ...(call.resolvedFrom ? { resolvedFrom: call.resolvedFrom } : {}),
  };
}
