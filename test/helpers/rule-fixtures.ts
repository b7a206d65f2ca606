// Rule fixtures: `test/fixtures/rules/<rule-id>/<case>/` workspaces with the rule's expected findings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../../server/src/core/rules/types';
import { checkDirectory } from '../../server/src/workspace/check';
import { copyFixture, FIXTURES, removeDir } from './fixtures';

export const RULES_DIR = path.join(FIXTURES, 'rules');

/** A finding in the fixtures' `expected.json` form. */
export function expectedForm(d: Diagnostic): Record<string, unknown> {
  const { span, fix } = d;
  return {
    file: d.file,
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
    severity: d.severity,
    message: d.message,
    ...(fix ? { fix: fix.kind === 'rename' ? { kind: fix.kind, to: fix.to } : { ...fix } } : {}),
  };
}

/** Runs `check` on a copy of a case (so no plan above it leaks in) and keeps one rule's findings. */
export async function findingsOf(rule: string, caseName: string): Promise<Record<string, unknown>[]> {
  const dir = copyFixture(path.join('rules', rule, caseName));
  try {
    return (await checkDirectory(dir)).result.diagnostics.filter((d) => d.rule === rule).map(expectedForm);
  } finally {
    removeDir(dir);
  }
}

export function casesOf(rule: string): string[] {
  const dir = path.join(RULES_DIR, rule);
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

export function readExpected(rule: string, caseName: string): Record<string, unknown>[] {
  return JSON.parse(fs.readFileSync(path.join(RULES_DIR, rule, caseName, 'expected.json'), 'utf8'));
}
