// Re-parsing an open document after an edit, fast: typescript-estree turns a whole file into ESTree
// in several times TypeScript's own parse time, too slow for a keystroke in a long file. Instead the
// top-level statements the edit touches are parsed alone, the statements after them are shifted,
// and the result is checked against TypeScript's incremental parse of the new text: same statement
// boundaries and no syntax error, or else the whole file is parsed as usual. A statement's syntax
// tree depends only on its own text (its parent is the program in both cases), so when the
// boundaries agree the spliced tree is the tree a full parse gives; tests compare the two.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import * as ts from 'typescript';
import { LineMap, walk } from './ast';
import { allowsJsx } from './languages';
import { changeBetween } from './shift';
import { type ParseOutcome, parseSource, type Program } from './parse';

/** What is kept of a document between edits. */
export interface ParsedDocument {
  path: string;
  /** The last text that parsed, and its tree. */
  text: string;
  ast: Program;
  /** TypeScript's tree of the latest text (which may have syntax errors), for its incremental parser. */
  source: ts.SourceFile;
  sourceText: string;
  /**
   * Statements moved by `delta` characters and `lines` lines (no column changes) whose inner nodes
   * are not moved yet (`settle`): only the statement nodes themselves are kept moved at each edit.
   */
  pending?: Map<TSESTree.ProgramStatement, { delta: number; lines: number }>;
}

/**
 * Moves the inner nodes of statements whose moves are pending (of every statement by default), so
 * that their positions are the text's.
 */
export function settle(
  doc: ParsedDocument,
  statements: Iterable<TSESTree.ProgramStatement> = doc.ast.body,
): void {
  const pending = doc.pending;
  if (!pending?.size) return;
  for (const st of statements) {
    const move = pending.get(st);
    if (!move) continue;
    pending.delete(st);
    walk(st, (n) => {
      if (n === st) return;
      n.range = [n.range[0] + move.delta, n.range[1] + move.delta];
      n.loc = {
        end: { column: n.loc.end.column, line: n.loc.end.line + move.lines },
        start: { column: n.loc.start.column, line: n.loc.start.line + move.lines },
      };
    });
  }
}

export interface Reparsed {
  outcome: ParseOutcome;
  /** The state to re-parse the next edit from. */
  doc?: ParsedDocument;
  /** Whether the statements were spliced (false: the whole file was parsed). */
  incremental: boolean;
  /**
   * When spliced: the old statements `first`…`first + removed - 1` were replaced by `fresh` (the
   * others are the old statement nodes, moved).
   */
  spliced?: { first: number; removed: number; fresh: TSESTree.ProgramStatement[] };
}

/** Makes the snippet a module, as the file is, so that top-level `await` parses the same. */
const SNIPPET_PREFIX = 'export {};\n';

export function parseDocument(path: string, text: string, source?: ts.SourceFile): Reparsed {
  const outcome = parseSource(path, text);
  if (!outcome.ok) return { outcome, incremental: false };
  const doc = { path, text, ast: outcome.ast, source: source ?? tsSource(path, text), sourceText: text };
  return { outcome, doc, incremental: false };
}

/**
 * The new text's tree, from the previous state when the edit allows it. `prev` is used up: only the
 * returned state may be used for the next edit. Texts with syntax errors are parsed in full (the
 * error is reported as a full parse reports it), but the last tree that parsed is kept, so that the
 * edit that repairs the text is spliced again. With `lazy`, the statements after the edit may be left
 * with moves pending (`ParsedDocument.pending`): the caller settles what it reads.
 */
export function reparseDocument(
  prev: ParsedDocument | undefined,
  path: string,
  text: string,
  lazy = false,
): Reparsed {
  const re = reparse(prev, path, text);
  if (!lazy && re.outcome.ok && re.doc) settle(re.doc);
  return re;
}

function reparse(prev: ParsedDocument | undefined, path: string, text: string): Reparsed {
  if (!prev || prev.path !== path) return parseDocument(path, text);
  if (prev.text === text)
    return {
      outcome: { ok: true, ast: prev.ast },
      doc: { ...prev, ...latest(prev, text) },
      incremental: true,
    };
  // Comments are collected for `@feature` annotations only: those files take the full path.
  if (text.includes('@feature') || prev.text.includes('@feature')) return parseDocument(path, text);
  const source = latest(prev, text).source;
  // A syntax error: the full parse reports it exactly as it always does; the last good tree stays.
  if ((source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length) {
    const outcome = parseSource(path, text);
    if (outcome.ok) return parseDocument(path, text, source);
    return { outcome, doc: { ...prev, source, sourceText: text }, incremental: false };
  }
  const spliced = splice(prev, text, source);
  if (!spliced) return parseDocument(path, text, source);
  const { ast, pending, ...replaced } = spliced;
  return {
    outcome: { ok: true, ast },
    doc: { path, text, ast, source, sourceText: text, pending },
    incremental: true,
    spliced: replaced,
  };
}

/**
 * The top-level statements an edit of `start`–`oldEnd` (old offsets) touches, `first`…`last` (none
 * when last < first), edges included: typing right after a statement extends it.
 */
export function touchedStatements(
  body: readonly TSESTree.ProgramStatement[],
  start: number,
  oldEnd: number,
): { first: number; last: number } {
  let first = body.findIndex((st) => st.range[1] >= start);
  if (first < 0) first = body.length;
  let last = first - 1;
  for (let k = first; k < body.length && body[k]!.range[0] <= oldEnd; k++) last = k;
  return { first, last };
}

function tsSource(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(
    path,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    scriptKind(path),
  );
}

/** TypeScript's incremental parse of the new text (from the latest text it saw). */
function latest(prev: ParsedDocument, text: string): { source: ts.SourceFile; sourceText: string } {
  if (prev.sourceText === text) return { source: prev.source, sourceText: text };
  const { start, oldEnd, newEnd } = changeBetween(prev.sourceText, text);
  const source = ts.updateSourceFile(prev.source, text, {
    span: { start, length: oldEnd - start },
    newLength: newEnd - start,
  });
  return { source, sourceText: text };
}

function scriptKind(path: string): ts.ScriptKind {
  if (/\.[mc]?tsx?$/.test(path)) return allowsJsx(path) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return allowsJsx(path) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

function splice(
  prev: ParsedDocument,
  text: string,
  source: ts.SourceFile,
):
  | {
      ast: Program;
      first: number;
      removed: number;
      fresh: TSESTree.ProgramStatement[];
      pending: NonNullable<ParsedDocument['pending']>;
    }
  | undefined {
  const old = prev.text;
  const { start: p, oldEnd } = changeBetween(old, text);
  const delta = text.length - old.length;
  const body = prev.ast.body;
  const { first, last } = touchedStatements(body, p, oldEnd);
  // The directive prologue (`'use client'`) depends on the statements before it.
  if (first === 0 && body[0]?.type === 'ExpressionStatement') return undefined;
  const regionStart = Math.min(p, first <= last ? body[first]!.range[0] : p);
  const regionEnd = Math.max(oldEnd, first <= last ? body[last]!.range[1] : oldEnd);
  const snippet = text.slice(regionStart, regionEnd + delta);
  // Top-level `await` in a script parses otherwise than in a module (the snippet is one).
  if (!ts.isExternalModule(source) && snippet.includes('await')) return undefined;
  const parsed = parseSource(prev.path, SNIPPET_PREFIX + snippet);
  if (!parsed.ok) return undefined;
  const lines = LineMap.of(text);
  const at = lines.position(regionStart);
  const fresh = parsed.ast.body.slice(1);
  for (const st of fresh) moveSnippet(st, regionStart - SNIPPET_PREFIX.length, at.line, at.column - 1);
  const prefix = body.slice(0, first);
  const suffix = body.slice(last + 1);

  // The check, before anything old is moved: TypeScript's incremental parse sees the same statements.
  const expected = source.statements;
  if (expected.length !== prefix.length + fresh.length + suffix.length) return undefined;
  const ranges = [
    ...prefix.map((st) => st.range),
    ...fresh.map((st) => st.range),
    ...suffix.map((st) => [st.range[0] + delta, st.range[1] + delta] as const),
  ];
  for (let k = 0; k < expected.length; k++) {
    const st = expected[k]!;
    if (st.getStart(source) !== ranges[k]![0] || st.end !== ranges[k]![1]) return undefined;
  }

  const endBefore = LineMap.of(old).position(regionEnd);
  const endAfter = lines.position(regionEnd + delta);
  const lineDelta = endAfter.line - endBefore.line;
  const pending = prev.pending ?? new Map<TSESTree.ProgramStatement, { delta: number; lines: number }>();
  for (const st of body.slice(first, last + 1)) pending.delete(st);
  for (const st of suffix) {
    if (st.loc.start.line > endBefore.line) {
      // Below the edit's last line: every node moves alike, so the inner nodes can wait (`settle`).
      if (delta === 0 && lineDelta === 0) continue;
      const move = pending.get(st);
      pending.set(st, { delta: (move?.delta ?? 0) + delta, lines: (move?.lines ?? 0) + lineDelta });
      st.range = [st.range[0] + delta, st.range[1] + delta];
      st.loc = {
        end: { column: st.loc.end.column, line: st.loc.end.line + lineDelta },
        start: { column: st.loc.start.column, line: st.loc.start.line + lineDelta },
      };
    } else {
      settle({ ...prev, pending }, [st]);
      shift(st, delta, endBefore.line, lineDelta, endAfter.column - endBefore.column);
    }
  }
  const end = lines.position(text.length);
  const ast: Program = {
    ...prev.ast,
    body: [...prefix, ...fresh, ...suffix],
    sourceType: ts.isExternalModule(source) ? 'module' : 'script',
    range: [0, text.length],
    loc: { end: { column: end.column - 1, line: end.line }, start: { column: 0, line: 1 } },
  };
  return { ast, first, removed: last - first + 1, fresh, pending };
}

/** Places a statement parsed from the snippet (after the prefix line) at its offset in the file. */
function moveSnippet(node: TSESTree.Node, offset: number, line: number, column: number): void {
  // The snippet's text starts on its line 2 (after the prefix), column 0.
  // (Key order as typescript-estree writes them.)
  const pos = (p: TSESTree.Position): TSESTree.Position =>
    p.line === 2 ? { column: p.column + column, line } : { column: p.column, line: p.line - 2 + line };
  walk(node, (n) => {
    n.range = [n.range[0] + offset, n.range[1] + offset];
    n.loc = { end: pos(n.loc.end), start: pos(n.loc.start) };
  });
}

/** Moves a statement after the edit: offsets by `delta`; on the edit's last line, columns too. */
function shift(
  node: TSESTree.Node,
  delta: number,
  editLine: number,
  lineDelta: number,
  columnDelta: number,
): void {
  const pos = (p: TSESTree.Position): TSESTree.Position =>
    p.line === editLine
      ? { column: p.column + columnDelta, line: p.line + lineDelta }
      : { column: p.column, line: p.line + lineDelta };
  walk(node, (n) => {
    n.range = [n.range[0] + delta, n.range[1] + delta];
    n.loc = { end: pos(n.loc.end), start: pos(n.loc.start) };
  });
}
