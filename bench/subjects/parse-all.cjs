// A benchmark subject: parses every source file of a folder (as `check` lists them) with
// `ts.createSourceFile` or with typescript-estree, naively (all of them, no pre-filter).
// Usage: node parse-all.cjs <ts|estree> <dir>
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [mode, root] = process.argv.slice(2);
const list = JSON.parse(fs.readFileSync(0, 'utf8'));
let parse;
if (mode === 'ts') {
  const ts = require('typescript');
  parse = (file, text) =>
    ts.createSourceFile(
      file,
      text,
      ts.ScriptTarget.Latest,
      false,
      /\.[jt]sx$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
} else {
  const { parse: estree } = require('@typescript-eslint/typescript-estree');
  parse = (file, text) =>
    estree(text, {
      filePath: file,
      jsx: /x$/.test(file),
      loc: true,
      range: true,
      tokens: false,
      comment: false,
      jsDocParsingMode: 'none',
    });
}
let failed = 0;
for (const rel of list) {
  const file = path.join(root, rel);
  try {
    parse(file, fs.readFileSync(file, 'utf8'));
  } catch {
    failed++;
  }
}
process.stdout.write(JSON.stringify({ files: list.length, failed }));
