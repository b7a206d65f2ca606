// The `scan --format json` contract (issue: core engine): positions are 1-based, paths relative.
import type {
  EntryPoint,
  ParseError,
  SkipCounts,
  TrackingCall,
  Wrapper,
  WrapperInternal,
} from '../../core/types';
import type { DirectoryAnalysis } from '../../workspace/analyze';

export interface ScanJson {
  files: number;
  skipped: SkipCounts;
  parseErrors: ParseError[];
  entryPoints: Record<string, unknown>[];
  trackingCalls: Record<string, unknown>[];
  wrappers: Record<string, unknown>[];
  wrapperInternals: Record<string, unknown>[];
}

export function scanJson(result: DirectoryAnalysis): ScanJson {
  const { analysis } = result;
  return {
    files: result.files.length - result.skipped.binary,
    skipped: result.skipped,
    parseErrors: analysis.parseErrors,
    entryPoints: analysis.entryPoints.map(entryPointJson),
    trackingCalls: analysis.trackingCalls.map(trackingCallJson),
    wrappers: analysis.wrappers.map(wrapperJson),
    wrapperInternals: analysis.wrapperInternals.map(internalJson),
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
    ...(ep.wrapper ? { wrapper: ep.wrapper } : {}),
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
    ...(call.wrapper ? { wrapper: call.wrapper } : {}),
  };
}

/** `{name, file, line, kind, argument, property?, prefix?, suffix?, template?, proxy?, sdk, via, calls}`. */
export function wrapperJson(w: Wrapper): Record<string, unknown> {
  return {
    name: w.name,
    file: w.file,
    line: w.span.start.line,
    kind: w.kind,
    ...(w.argument !== undefined ? { argument: w.argument } : {}),
    ...(w.property !== undefined ? { property: w.property } : {}),
    ...(w.prefix !== undefined ? { prefix: w.prefix } : {}),
    ...(w.suffix !== undefined ? { suffix: w.suffix } : {}),
    ...(w.template !== undefined ? { template: w.template } : {}),
    ...(w.proxy ? { proxy: true } : {}),
    sdk: w.sdk,
    ...(w.kind === 'flag' ? { autoExposure: w.autoExposure === true } : {}),
    via: w.via,
    calls: w.calls,
  };
}

export function internalJson(i: WrapperInternal): Record<string, unknown> {
  return {
    file: i.file,
    line: i.span.start.line,
    column: i.span.start.column,
    kind: i.kind,
    sdk: i.sdk,
    callee: i.callee,
    expression: i.expression,
    wrapper: i.wrapper,
  };
}
