// Which files the analysis reads, and how each one is parsed.

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'] as const;

/** Languages (VS Code / LSP language ids) whose documents the language server analyses. */
export const LANGUAGE_IDS = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;

export function isSourceFile(path: string): boolean {
  if (path.endsWith('.d.ts') || path.endsWith('.d.mts') || path.endsWith('.d.cts')) return false;
  return SOURCE_EXTENSIONS.some((ext) => path.endsWith(ext));
}

/** `.ts`/`.mts`/`.cts` must not parse JSX: `<T>value` is a type assertion there. */
export function allowsJsx(path: string): boolean {
  return !/\.[mc]?ts$/.test(path);
}
