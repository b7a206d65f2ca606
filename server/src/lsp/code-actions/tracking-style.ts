// The project's own way of sending an event, learned from its code: which callee (the one most used
// in the file, else in the workspace, else the plan's default wrapper), how it is imported, which
// quotes and whether statements end with a semicolon.
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { CheckResult } from '../../core/check';
import { parser } from '../../workspace/parser/load';
import type { TrackingCall } from '../../core/types';

export interface TrackingStyle {
  callee: string;
  /** The identifier the callee starts from (`analytics` of `analytics.track`). */
  root: string;
  quote: "'" | '"';
  semicolon: boolean;
  /** How another file imports `root`: the statement to add when the target file lacks it. */
  importFrom?: { file: string; declaration: TSESTree.ImportDeclaration; text: string };
}

export interface StyleSources {
  result: CheckResult;
  readFile(file: string): string | undefined;
  resolveModule(from: string, spec: string): string | undefined;
  /** `sdks.tracking[0].callee` of the plan, the last resort. */
  planDefault?: string;
}

const GLOBAL_ROOTS = new Set(['window', 'globalThis', 'self', 'gtag', 'plausible']);

/** Candidate styles, best first; the caller takes the first one that works in the target file. */
export function trackingStyles(sources: StyleSources, file: string): TrackingStyle[] {
  const usable = sources.result.trackingCalls.filter((c) => c.event !== null && plainCall(sources, c));
  const rank = (calls: TrackingCall[]) => {
    const counts = new Map<string, TrackingCall[]>();
    for (const c of calls) counts.set(c.callee, [...(counts.get(c.callee) ?? []), c]);
    return [...counts.values()].sort((a, b) => b.length - a.length || (a[0]!.callee < b[0]!.callee ? -1 : 1));
  };
  const ordered = [...rank(usable.filter((c) => c.file === file)), ...rank(usable)];
  const seen = new Set<string>();
  const styles: TrackingStyle[] = [];
  for (const group of ordered) {
    const callee = group[0]!.callee;
    if (seen.has(callee)) continue;
    seen.add(callee);
    // Prefer an example in the target file (no import needed), else any.
    const example = group.find((c) => c.file === file) ?? group[0]!;
    const style = styleOf(sources, example);
    if (style) styles.push(style);
  }
  if (
    sources.planDefault &&
    !seen.has(sources.planDefault) &&
    /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(sources.planDefault)
  ) {
    styles.push({
      callee: sources.planDefault,
      root: sources.planDefault.split('.')[0]!,
      quote: "'",
      semicolon: true,
    });
  }
  return styles;
}

/** A call whose event name is its first argument, written directly (not the object form). */
function plainCall(sources: StyleSources, call: TrackingCall): boolean {
  const text = sources.readFile(call.file);
  if (text === undefined) return false;
  const between = text.slice(call.span.startOffset, call.nameSpan.startOffset);
  return /^[\w$.?\s]*\(\s*$/.test(between) && !/\?\./.test(between);
}

function styleOf(sources: StyleSources, call: TrackingCall): TrackingStyle | null {
  const root = call.callee.split(/[.(]/)[0]!;
  if (!/^[A-Za-z_$][\w$]*$/.test(root) || root === 'this') return null;
  const text = sources.readFile(call.file)!;
  const nameText = text.slice(call.nameSpan.startOffset, call.nameSpan.endOffset);
  const quote = nameText.startsWith('"') ? '"' : nameText.startsWith("'") ? "'" : dominantQuote(text);
  const after = text.slice(call.span.endOffset, call.span.endOffset + 3);
  const style: TrackingStyle = {
    callee: call.callee,
    root,
    quote,
    semicolon: after.trimStart().startsWith(';'),
  };
  if (GLOBAL_ROOTS.has(root)) return style;
  const parsed = parser().parseSource(call.file, text);
  if (!parsed.ok) return null;
  const declaration = parsed.ast.body.find(
    (s): s is TSESTree.ImportDeclaration =>
      s.type === 'ImportDeclaration' && s.specifiers.some((sp) => sp.local.name === root),
  );
  if (!declaration) {
    // Bound in its own file (a local `const analytics = …`): only usable in that file.
    return { ...style, importFrom: undefined };
  }
  return {
    ...style,
    importFrom: {
      file: call.file,
      declaration,
      text: text.slice(declaration.range[0], declaration.range[1]),
    },
  };
}

function dominantQuote(text: string): "'" | '"' {
  const single = (text.match(/'/g) ?? []).length;
  const double = (text.match(/"/g) ?? []).length;
  return double > single ? '"' : "'";
}

/**
 * The import statement for `style.root` in `file`, written as the example file writes it, with a
 * relative specifier recomputed from `file`; null when it cannot be reproduced.
 */
export function importStatement(sources: StyleSources, style: TrackingStyle, file: string): string | null {
  const from = style.importFrom;
  if (!from) return null;
  const spec = from.declaration.source.value;
  let newSpec = spec;
  if (spec.startsWith('.')) {
    const target = sources.resolveModule(from.file, spec);
    if (!target) return null;
    newSpec = relativeSpecifier(file, target, spec);
  }
  const quote = from.text.includes(`"${spec}"`) ? '"' : "'";
  const specifier = from.declaration.specifiers.find((sp) => sp.local.name === style.root)!;
  const semi = from.text.trimEnd().endsWith(';') ? ';' : '';
  const typeOnly = from.declaration.importKind === 'type' ? 'type ' : '';
  let clause: string;
  if (specifier.type === 'ImportDefaultSpecifier') clause = style.root;
  else if (specifier.type === 'ImportNamespaceSpecifier') clause = `* as ${style.root}`;
  else {
    const imported =
      specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
    clause = `{ ${imported === style.root ? imported : `${imported} as ${style.root}`} }`;
  }
  return `import ${typeOnly}${clause} from ${quote}${newSpec}${quote}${semi}`;
}

/** `./lib/analytics` from `src/pages/x.tsx` to `src/lib/analytics.ts`, matching the original's style. */
function relativeSpecifier(fromFile: string, target: string, original: string): string {
  let rel = path.posix.relative(path.posix.dirname(fromFile), target);
  const originalExt = /\.[mc]?[jt]sx?$/.exec(original)?.[0];
  rel = rel.replace(/\.[mc]?[jt]sx?$/, originalExt ?? '');
  if (!original.endsWith('/index') && !originalExt) rel = rel.replace(/\/index$/, '');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
