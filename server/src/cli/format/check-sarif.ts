// `check --format sarif`: SARIF 2.1.0 for code-scanning uploaders. Rules carry their help text and a
// link to their docs; results carry the location, related locations and the rule's index.
import { pathToFileURL } from 'node:url';
import { ALL_RULES, ruleDocsUrl } from '../../core/rules';
import type { Diagnostic, Severity } from '../../core/rules/types';
import type { Span } from '../../core/types';
import type { DirectoryCheck } from '../../workspace/check';
import { VERSION } from '../version';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

export function checkSarif(check: DirectoryCheck): Record<string, unknown> {
  const ruleIndex = new Map(ALL_RULES.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Activation Lens',
            semanticVersion: VERSION,
            informationUri: 'https://github.com/activation-lens/activation-lens',
            rules: ALL_RULES.map((r) => ({
              id: r.id,
              name: pascalCase(r.id),
              shortDescription: { text: r.summary },
              fullDescription: { text: r.help },
              helpUri: ruleDocsUrl(r.id),
              help: {
                text: `${r.help} See ${ruleDocsUrl(r.id)}`,
                markdown: `${r.help}\n\n[Documentation](${ruleDocsUrl(r.id)})`,
              },
              defaultConfiguration:
                r.defaultLevel === 'off' ? { enabled: false } : { level: LEVEL[r.defaultLevel] },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(check.root) } },
        columnKind: 'utf16CodeUnits',
        results: check.result.diagnostics.map((d) => result(d, ruleIndex.get(d.rule)!)),
      },
    ],
  };
}

function result(d: Diagnostic, ruleIndex: number): Record<string, unknown> {
  return {
    ruleId: d.rule,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: physical(d.file, d.span) }],
    ...(d.related.length
      ? {
          relatedLocations: d.related.map((r, id) => ({
            id,
            physicalLocation: physical(r.file, r.span),
            message: { text: r.message },
          })),
        }
      : {}),
    ...(d.feature !== undefined || d.milestone !== undefined
      ? {
          properties: {
            ...(d.feature !== undefined ? { feature: d.feature } : {}),
            ...(d.milestone ? { milestone: d.milestone } : {}),
          },
        }
      : {}),
  };
}

function physical(file: string, span: Span): Record<string, unknown> {
  return {
    artifactLocation: { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT },
    region: {
      startLine: span.start.line,
      startColumn: span.start.column,
      endLine: span.end.line,
      endColumn: Math.max(span.end.column, span.start.line === span.end.line ? span.start.column + 1 : 1),
    },
  };
}

function directoryUri(dir: string): string {
  const uri = pathToFileURL(dir).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
}
