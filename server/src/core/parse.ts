// The one place that calls the parser. Syntax errors become data, never exceptions.
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { allowsJsx } from './languages';

export type Program = TSESTree.Program;

export type ParseOutcome =
  { ok: true; ast: Program } | { ok: false; line: number; column: number; message: string };

export function parseSource(path: string, text: string): ParseOutcome {
  try {
    const ast = parse(text, {
      // The file name's extension picks the script kind (JS files may hold JSX, TS files may not).
      filePath: path,
      jsx: allowsJsx(path),
      loc: true,
      range: true,
      // Comments only matter for `@feature` annotations, and collecting them doubles the parse time.
      comment: text.includes('@feature'),
      tokens: false,
      jsDocParsingMode: 'none',
      errorOnUnknownASTType: false,
      suppressDeprecatedPropertyWarnings: true,
    });
    return { ok: true, ast };
  } catch (error) {
    return { ok: false, ...describeParseError(error) };
  }
}

function describeParseError(error: unknown): { line: number; column: number; message: string } {
  const e = error as { message?: unknown; location?: { start?: { line?: number; column?: number } } };
  const start = e.location?.start;
  const message = typeof e.message === 'string' ? e.message : String(error);
  return { line: start?.line ?? 1, column: (start?.column ?? 0) + 1, message };
}
