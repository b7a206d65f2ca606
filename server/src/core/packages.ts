// Packages of a monorepo (`packages/analytics/package.json` named `@acme/analytics`): imports of
// them are imports of project code. Their entry is found from `exports`, `source`, `types`,
// `module` or `main`, mapping build output (`dist/index.js`) back to sources (`src/index.ts`).
import type { ModuleHost } from './modules';
import { dirname, joinPath } from './paths';

const ENTRY_FIELDS = ['source', 'types', 'typings', 'module', 'main'] as const;
/** Conditions of `exports` worth following for source files, in order. */
const CONDITIONS = ['source', 'types', 'import', 'module', 'default', 'require', 'node', 'browser'];

interface Manifest {
  dir: string;
  exports?: unknown;
  fields: string[];
}

export class WorkspacePackages {
  private readonly byName = new Map<string, Manifest>();
  private readonly seenDirs = new Set<string>();

  constructor(private readonly host: ModuleHost) {}

  /** Reads the `package.json` files in the folders of `files` and above them. Returns the package names. */
  discover(files: Iterable<string>): string[] {
    for (const file of files) {
      for (let dir = dirname(file); ; dir = dirname(dir)) {
        if (this.seenDirs.has(dir)) break;
        this.seenDirs.add(dir);
        this.read(dir);
        if (dir === '') break;
      }
    }
    return [...this.byName.keys()];
  }

  /** The workspace file a specifier of a workspace package (`@acme/analytics`, `@acme/ui/button`) names. */
  resolve(spec: string, resolvePath: (path: string) => string | undefined): string | undefined {
    for (const [name, manifest] of this.byName) {
      if (spec !== name && !spec.startsWith(`${name}/`)) continue;
      const sub = spec.slice(name.length + 1);
      const targets = sub ? this.subpathTargets(manifest, sub) : this.rootTargets(manifest);
      for (const target of targets) {
        const found =
          resolvePath(joinPath(manifest.dir, target)) ??
          resolvePath(joinPath(manifest.dir, toSource(target)));
        if (found) return found;
      }
    }
    return undefined;
  }

  private read(dir: string): void {
    const text = this.host.readFile(dir ? `${dir}/package.json` : 'package.json');
    if (text === undefined) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return; // a broken manifest names no package
    }
    if (typeof json !== 'object' || json === null) return;
    const m = json as Record<string, unknown>;
    if (typeof m.name !== 'string' || !m.name || this.byName.has(m.name)) return;
    const fields = ENTRY_FIELDS.map((f) => m[f]).filter((v): v is string => typeof v === 'string');
    this.byName.set(m.name, { dir, exports: m.exports, fields });
  }

  private rootTargets(m: Manifest): string[] {
    const exported = m.exports;
    const root =
      typeof exported === 'string' || Array.isArray(exported)
        ? exported
        : isObject(exported) && Object.keys(exported).some((k) => k.startsWith('.'))
          ? exported['.']
          : exported;
    return [...conditionTargets(root), ...m.fields, 'src/index', 'index'];
  }

  private subpathTargets(m: Manifest, sub: string): string[] {
    const out: string[] = [];
    if (isObject(m.exports)) {
      const entry = m.exports[`./${sub}`];
      if (entry !== undefined) out.push(...conditionTargets(entry));
    }
    out.push(sub, `src/${sub}`);
    return out;
  }
}

function conditionTargets(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (Array.isArray(entry)) return entry.flatMap(conditionTargets);
  if (!isObject(entry)) return [];
  return CONDITIONS.flatMap((c) => (c in entry ? conditionTargets(entry[c]) : []));
}

/** Build output back to sources: `./dist/index.js` → `src/index.js` (the resolver maps `.js` to `.ts`). */
function toSource(target: string): string {
  return target.replace(/^(\.\/)?(dist|lib|build|out|esm|cjs)\//, 'src/').replace(/\.d\.ts$/, '');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
