// The parser bundle (dist/parser.js): typescript-estree, TypeScript and per-file extraction. Kept out
// of the CLI's and the language server's bundles so that a `check` answered from the persistent index
// never compiles them, and a server started from the index loads them only once a file needs parsing
// (TypeScript and typescript-estree are 70 MB of a process's memory once loaded).
export { extractFile, extractParsed } from '../../core/extract';
export { parseSource } from '../../core/parse';
export { parseDocument, reparseDocument } from '../../core/reparse';
export { Scopes } from '../../core/scope';
export { extractDocument } from '../../core/statement-reuse';
