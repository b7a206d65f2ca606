// Small AST helpers: a depth-first walk and offset ↔ position conversion.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Position, Span } from './types';

/** Visits every node depth-first; `enter` returning false skips the node's children. */
export function walk(root: TSESTree.Node, enter: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    const keys = visitorKeys[node.type] ?? [];
    // Push children in reverse so they are visited in source order.
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const c = child[i] as TSESTree.Node | null;
          if (c && typeof c.type === 'string') stack.push(c);
        }
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/** Converts 0-based offsets to 1-based line/column positions (UTF-16 code units, like the parser). */
export class LineMap {
  private readonly starts: number[] = [0];
  /** The last two texts' maps: a keystroke needs the old and the new text's, several times. */
  private static recent: LineMap[] = [];

  /** The map of a text, shared with the last callers that asked for the same text. */
  static of(text: string): LineMap {
    const found = LineMap.recent.find((m) => m.text === text);
    if (found) return found;
    const made = new LineMap(text);
    LineMap.recent = [made, ...LineMap.recent.slice(0, 1)];
    return made;
  }

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  span(startOffset: number, endOffset: number): Span {
    return { start: this.position(startOffset), end: this.position(endOffset), startOffset, endOffset };
  }
}

/** A node's span, straight from the parser's location data. */
export function nodeSpan(node: TSESTree.Node): Span {
  return {
    start: { line: node.loc.start.line, column: node.loc.start.column + 1 },
    end: { line: node.loc.end.line, column: node.loc.end.column + 1 },
    startOffset: node.range[0],
    endOffset: node.range[1],
  };
}

/** Source text of a node, with line breaks and indentation folded to one space. */
export function nodeText(text: string, node: TSESTree.Node): string {
  return text.slice(node.range[0], node.range[1]).replace(/\s*\n\s*/g, ' ');
}

/** Strips type assertions, non-null assertions, optional chains and parentheses (not in the AST). */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
        n = n.expression;
        continue;
      default:
        return n;
    }
  }
}

/** The expression a chain of property reads and calls starts from: `a` in `a.b().c`. */
export function expressionRoot(node: TSESTree.Node): TSESTree.Node {
  let n = unwrap(node);
  for (;;) {
    if (n.type === 'MemberExpression') n = unwrap(n.object);
    else if (n.type === 'CallExpression') n = unwrap(n.callee);
    else return n;
  }
}
