// Core spans (1-based lines and columns) → LSP ranges (0-based), and position tests.
import type { Position as LspPosition, Range } from 'vscode-languageserver';
import type { Span } from '../core/types';

export function toRange(span: Span): Range {
  return {
    start: { line: span.start.line - 1, character: span.start.column - 1 },
    end: { line: span.end.line - 1, character: span.end.column - 1 },
  };
}

export function contains(span: Span, pos: LspPosition): boolean {
  const line = pos.line + 1;
  const column = pos.character + 1;
  if (line < span.start.line || line > span.end.line) return false;
  if (line === span.start.line && column < span.start.column) return false;
  if (line === span.end.line && column > span.end.column) return false;
  return true;
}
