// A measurement for docs/speed.md, not a subject of `npm run bench`: what extraction from
// TypeScript's own tree could cost against the typescript-estree path `check` takes. Both paths
// parse each listed file and collect the same simple facts in one walk (calls with their callee
// name, position and string arguments; imports; variable declarations; branches), so the
// difference is the conversion to estree and scope analysis against TypeScript's binder.
// Usage: node tree-walk.cjs <ts|ts-bind|estree|compare> <dir>  (the files, relative, as JSON on stdin)
// `compare` runs both walks and exits 1 when their facts differ, which keeps the timing honest.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { parse } = require('@typescript-eslint/typescript-estree');
const { analyze } = require('@typescript-eslint/scope-manager');

const [mode, root] = process.argv.slice(2);
const files = JSON.parse(fs.readFileSync(0, 'utf8'));
const texts = files.map((rel) => [rel, fs.readFileSync(path.join(root, rel), 'utf8')]);

function tsName(e) {
  if (ts.isIdentifier(e)) return String(e.escapedText);
  if (ts.isPropertyAccessExpression(e)) return `${tsName(e.expression)}.${String(e.name.escapedText)}`;
  return '?';
}

function tsWalk(file, text, bind) {
  const kind = /\.[jt]sx$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  if (sf.parseDiagnostics.length > 0) return [];
  // The binder's symbol tables are what identifier resolution would read in place of scope analysis.
  if (bind) ts.bindSourceFile(sf, { target: ts.ScriptTarget.Latest });
  const out = [];
  const visit = (node) => {
    if (ts.isCallExpression(node)) {
      const at = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      const args = node.arguments.map((a) => (ts.isStringLiteral(a) ? a.text : null));
      out.push(['call', tsName(node.expression), at.line + 1, at.character, args]);
    } else if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push(['import', node.moduleSpecifier.text]);
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      out.push(['declaration', String(node.name.escapedText)]);
    } else if (ts.isIfStatement(node) || ts.isConditionalExpression(node)) {
      out.push(['branch', node.getStart(sf), node.end]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function estreeName(e) {
  if (e.type === 'Identifier') return e.name;
  if (e.type === 'MemberExpression' && e.property.type === 'Identifier') {
    return `${estreeName(e.object)}.${e.property.name}`;
  }
  return '?';
}

function estreeWalk(file, text) {
  const ast = parse(text, {
    filePath: file,
    jsx: /\.[jt]sx$/.test(file),
    loc: true,
    range: true,
    comment: false,
    tokens: false,
    jsDocParsingMode: 'none',
    errorOnUnknownASTType: false,
    suppressDeprecatedPropertyWarnings: true,
  });
  // As `check` does (core/scope.ts): every reference resolved, no lib globals.
  const manager = analyze(ast, { sourceType: 'module', lib: [] });
  const refs = new Map();
  for (const scope of manager.scopes)
    for (const ref of scope.references) refs.set(ref.identifier, ref.resolved);
  const out = [];
  const visit = (node) => {
    if (node.type === 'CallExpression') {
      const args = node.arguments.map((a) =>
        a.type === 'Literal' && typeof a.value === 'string' ? a.value : null,
      );
      out.push(['call', estreeName(node.callee), node.loc.start.line, node.loc.start.column, args]);
    } else if (node.type === 'ImportDeclaration') {
      out.push(['import', node.source.value]);
    } else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') {
      out.push(['declaration', node.id.name]);
    } else if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') {
      out.push(['branch', node.range[0], node.range[1]]);
    }
    for (const key of Object.keys(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child.type === 'string') visit(child);
      } else if (value && typeof value.type === 'string') visit(value);
    }
  };
  visit(ast);
  return out;
}

const walks = {
  ts: (f, t) => tsWalk(f, t, false),
  'ts-bind': (f, t) => tsWalk(f, t, true),
  estree: estreeWalk,
};
if (mode === 'compare') {
  // The walks visit children in different orders (estree's keys against TypeScript's forEachChild).
  const same = (a, b) =>
    JSON.stringify(a.map((x) => JSON.stringify(x)).sort()) ===
    JSON.stringify(b.map((x) => JSON.stringify(x)).sort());
  const differing = texts.filter(([f, t]) => !same(tsWalk(f, t, true), estreeWalk(f, t)));
  process.stdout.write(
    JSON.stringify({ files: texts.length, differing: differing.map(([f]) => f).slice(0, 5) }),
  );
  process.exitCode = differing.length > 0 ? 1 : 0;
} else {
  const walk = walks[mode];
  if (!walk) throw new Error(`unknown mode ${mode}: ts, ts-bind, estree or compare`);
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let facts = 0;
  for (const [file, text] of texts) facts += walk(file, text).length;
  const used = process.cpuUsage(cpu);
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = process.memoryUsage().rss / 1e6;
  process.stdout.write(
    `${mode}: ${texts.length} files, ${facts} facts, ${wall.toFixed(0)} ms wall, ` +
      `${((used.user + used.system) / 1000).toFixed(0)} ms CPU, ${rss.toFixed(0)} MB RSS\n`,
  );
}
