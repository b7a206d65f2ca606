// Workspace-relative, `/`-separated path arithmetic (the core never touches the file system).

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Joins a relative specifier onto a directory, resolving `.` and `..`. */
export function joinPath(dir: string, spec: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const seg of spec.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

export function stripExtension(path: string): string {
  return path.replace(/\.(d\.)?[mc]?[jt]sx?$/, '');
}
