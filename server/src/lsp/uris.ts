// File URIs ↔ paths. Core paths are workspace-relative with `/`; LSP speaks URIs.
import * as path from 'node:path';
import { URI } from 'vscode-uri';

export function uriToPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

export function pathToUri(fsPath: string): string {
  return URI.file(fsPath).toString();
}

/** `rel` (workspace-relative, `/`) of `fsPath` under `root`, or undefined when outside. */
export function relativeTo(root: string, fsPath: string): string | undefined {
  const rel = path.relative(root, fsPath);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
