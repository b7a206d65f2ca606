// The parser bundle (dist/parser.js): typescript-estree, TypeScript and per-file extraction. Kept out
// of the CLI's bundle so that a `check` answered from the persistent index never compiles them.
export { extractFile } from '../../core/extract';
