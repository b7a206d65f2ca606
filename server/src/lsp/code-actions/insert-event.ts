// Inserts a tracking call as a statement of its own at a statement boundary, adding the import the
// project uses when the file lacks it. The new text is parsed before it is offered: a quick-fix that
// would not parse is never offered.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { walk } from '../../core/ast';
import { parser } from '../../workspace/parser/load';
import type { TextChange } from './plan-edit';
import { importStatement, type StyleSources, type TrackingStyle } from './tracking-style';

const GLOBALS = new Set(['window', 'globalThis', 'self', 'gtag', 'plausible']);

export interface Insertion {
  changes: TextChange[];
  callee: string;
  /** 1-based line of the inserted statement in the new text. */
  line: number;
}

/** Where statements can go: the bodies of programs, blocks, switch cases and static blocks. */
function statementLists(node: TSESTree.Node): TSESTree.Node[][] {
  switch (node.type) {
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
      return [node.body];
    case 'SwitchCase':
      return [node.consequent];
    default:
      return [];
  }
}

/** The statement holding `offset` (else the first after it) in the innermost statement list around it. */
function statementAt(ast: TSESTree.Program, offset: number): TSESTree.Node | undefined {
  let best: TSESTree.Node | undefined;
  walk(ast, (node) => {
    if (node.range[0] > offset || node.range[1] < offset) return false;
    for (const list of statementLists(node)) {
      const stmt =
        list.find((s) => s.range[0] <= offset && offset < s.range[1]) ??
        list.find((s) => s.range[0] >= offset);
      if (stmt) best = stmt;
    }
    return true;
  });
  return best;
}

export function insertTrackingCall(
  sources: StyleSources,
  styles: TrackingStyle[],
  file: string,
  offset: number,
  event: string,
  /** Flag checks of the feature: a statement holding one gets the call after it, never before. */
  checks: readonly number[] = [],
): Insertion | null {
  const text = sources.readFile(file);
  if (text === undefined) return null;
  const { parseSource, Scopes } = parser();
  const parsed = parseSource(file, text);
  if (!parsed.ok) return null;
  const stmt = statementAt(parsed.ast, offset);
  if (!stmt) return null;
  const scopes = new Scopes(parsed.ast);
  for (const style of styles) {
    const bound = GLOBALS.has(style.root) || scopes.declaredAt(style.root, stmt.range[0]);
    const importText = bound ? null : importStatement(sources, style, file);
    if (!bound && importText === null) continue;
    const changes: TextChange[] = [];
    if (importText) changes.push(importChange(parsed.ast, text, importText));
    // A file that ends any statement with a semicolon uses them (the example call may sit in an expression).
    const semicolon = style.semicolon || /;[ \t]*$/m.test(text);
    const call = `${style.callee}(${style.quote}${escapeString(event, style.quote)}${style.quote})${semicolon ? ';' : ''}`;
    const lineStart = text.lastIndexOf('\n', stmt.range[0] - 1) + 1;
    const indent = text.slice(lineStart, stmt.range[0]);
    const holdsCheck = checks.some((c) => stmt.range[0] <= c && c < stmt.range[1]);
    const lineEnd = text.indexOf('\n', stmt.range[1]);
    if (holdsCheck && /^[ \t]*$/.test(indent) && lineEnd >= 0) {
      // Code before the flag check is not the feature's code: go on the line after the check.
      changes.push({ start: lineEnd + 1, end: lineEnd + 1, text: `${indent}${call}\n` });
    } else {
      changes.push(
        /^[ \t]*$/.test(indent)
          ? { start: lineStart, end: lineStart, text: `${indent}${call}\n` }
          : { start: stmt.range[0], end: stmt.range[0], text: `${call} ` },
      );
    }
    const next = apply(text, changes);
    if (!parseSource(file, next).ok) continue;
    const insertedAt = changes[changes.length - 1]!.start + (importText ? importText.length + 1 : 0);
    return { changes, callee: style.callee, line: next.slice(0, insertedAt).split('\n').length };
  }
  return null;
}

/** After the last import, else after leading directives (`'use client'`), else at the top. */
function importChange(ast: TSESTree.Program, text: string, statement: string): TextChange {
  const imports = ast.body.filter((s) => s.type === 'ImportDeclaration');
  const last = imports[imports.length - 1];
  const directives = ast.body.filter((s) => s.type === 'ExpressionStatement' && s.directive !== undefined);
  const anchor = last ?? directives[directives.length - 1];
  if (!anchor) return { start: 0, end: 0, text: `${statement}\n` };
  const nl = text.indexOf('\n', anchor.range[1]);
  const at = nl < 0 ? text.length : nl + 1;
  return { start: at, end: at, text: nl < 0 ? `\n${statement}\n` : `${statement}\n` };
}

function escapeString(value: string, quote: string): string {
  return value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`);
}

/** Applies non-overlapping changes (offsets into `text`). */
export function apply(text: string, changes: TextChange[]): string {
  let out = text;
  for (const c of [...changes].sort((a, b) => b.start - a.start))
    out = out.slice(0, c.start) + c.text + out.slice(c.end);
  return out;
}
