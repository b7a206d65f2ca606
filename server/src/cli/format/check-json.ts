// The `check --format json` contract (issue 3): features with entry points, milestone links with their
// `via`, what is missing, and diagnostics. Lines and columns are 1-based; paths are workspace-relative.
import type { EventLink, FeatureModel } from '../../core/features/types';
import type { Diagnostic } from '../../core/rules/types';
import type { Span } from '../../core/types';
import type { DirectoryCheck } from '../../workspace/check';

export function checkJson(check: DirectoryCheck): Record<string, unknown> {
  const { result } = check;
  return {
    features: result.features.map(featureJson),
    diagnostics: result.diagnostics.map(diagnosticJson),
    summary: summary(check),
    plans: result.plans,
    parseErrors: result.parseErrors,
  };
}

function featureJson(f: FeatureModel): Record<string, unknown> {
  return {
    key: f.key,
    planned: f.planned,
    ...(f.planFile !== undefined ? { plan: f.planFile } : {}),
    ...(f.planSpan ? { planLine: f.planSpan.start.line } : {}),
    flags: f.flags,
    entryPoints: f.entryPoints.map((ep) => ({
      file: ep.file,
      line: ep.span.start.line,
      column: ep.span.start.column,
      sdk: ep.sdk,
      callee: ep.callee,
      ...(ep.feature !== f.key ? { flag: ep.feature } : {}),
    })),
    milestones: {
      discovery: f.milestones.discovery.map(linkJson),
      activation: f.milestones.activation.map(linkJson),
      value: f.milestones.value.map(linkJson),
    },
    missing: f.missing,
    ...(f.otherEvents.length ? { otherEvents: f.otherEvents.map(linkJson) } : {}),
    ...(f.unresolved.length
      ? {
          unresolved: f.unresolved.map((u) => ({
            file: u.file,
            line: u.span.start.line,
            column: u.span.start.column,
            expression: u.expression,
          })),
        }
      : {}),
  };
}

function linkJson(link: EventLink): Record<string, unknown> {
  return {
    event: link.event,
    file: link.file,
    line: link.span.start.line,
    column: link.span.start.column,
    via: link.via,
    reason: link.reason,
    milestoneFrom: link.milestoneFrom,
    ...(link.verb ? { verb: link.verb } : {}),
    ...(link.through
      ? { through: link.through.map((t) => ({ name: t.name, file: t.file, line: t.span.start.line })) }
      : {}),
  };
}

function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return {
    rule: d.rule,
    severity: d.severity,
    file: d.file,
    ...position(d.span),
    message: d.message,
    ...(d.feature !== undefined ? { feature: d.feature } : {}),
    ...(d.milestone !== undefined ? { milestone: d.milestone } : {}),
    ...(d.event !== undefined ? { event: d.event } : {}),
    ...(d.related.length
      ? { related: d.related.map((r) => ({ file: r.file, ...position(r.span), message: r.message })) }
      : {}),
    ...(d.fix ? { fix: fixJson(d.fix) } : {}),
  };
}

function fixJson(fix: NonNullable<Diagnostic['fix']>): Record<string, unknown> {
  if (fix.kind === 'rename') {
    const { span, ...rest } = fix;
    return { ...rest, ...position(span) };
  }
  return { ...fix };
}

function position(span: Span) {
  return {
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
  };
}

export interface CheckSummary {
  files: number;
  features: number;
  complete: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export function summary(check: DirectoryCheck): CheckSummary {
  const count = (s: string) => check.result.diagnostics.filter((d) => d.severity === s).length;
  return {
    files: check.files,
    features: check.result.features.length,
    complete: check.result.features.filter((f) => f.missing.length === 0).length,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    hints: count('hint'),
  };
}
