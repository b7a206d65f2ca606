// Module resolution inside the workspace: relative specifiers, tsconfig/jsconfig `baseUrl` and
// `paths` (nearest config up the tree, following relative `extends`). Packages in node_modules are
// never resolved: SDK packages are recognised by name, and their code is not the project's.
import { parse as parseJsonc } from 'jsonc-parser';
import { SOURCE_EXTENSIONS } from './languages';
import { WorkspacePackages } from './packages';
import { dirname, joinPath } from './paths';
import { drain, STEP_SIZES, type StepSizes, type Steps } from './steps';

export interface ModuleHost {
  /** Text of a workspace file (workspace-relative, `/`-separated path), or undefined. */
  readFile(path: string): string | undefined;
  /** Whether a workspace source file exists. */
  fileExists(path: string): boolean;
}

interface PathsConfig {
  /** Directory (workspace-relative) that `paths` targets and `baseUrl` lookups are relative to. */
  base: string;
  hasBaseUrl: boolean;
  paths: [pattern: string, targets: string[]][];
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
/** `import './x.js'` in TypeScript ESM refers to `./x.ts`. */
const JS_TO_TS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

export class ModuleResolver {
  private readonly configs = new Map<string, PathsConfig | null>();
  private readonly cache = new Map<string, string | null>();
  private readonly packages: WorkspacePackages;

  constructor(private readonly host: ModuleHost) {
    this.packages = new WorkspacePackages(host);
  }

  resolve(fromFile: string, spec: string): string | undefined {
    const dir = dirname(fromFile);
    const cacheKey = `${dir}\0${spec}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.resolveUncached(dir, spec) ?? null;
    this.cache.set(cacheKey, result);
    return result ?? undefined;
  }

  /**
   * Module prefixes that name project code, so they are never taken for npm packages: `paths`
   * patterns (`@app/`), the top-level folders and files (`components/`) under a `baseUrl` or under
   * the target of a catch-all pattern (`"*": ["./src/*"]`), and the names of the workspace's own
   * packages (`@acme/analytics/`, which also stands for `@acme/analytics`).
   */
  projectPrefixes(files: readonly string[]): string[] {
    return drain(this.projectPrefixesSteps(files));
  }

  /** `projectPrefixes` in steps (core/steps.ts): the same prefixes, in the same order. */
  *projectPrefixesSteps(files: readonly string[], sizes: StepSizes = STEP_SIZES): Steps<string[]> {
    const perStep = sizes.prefixFiles;
    const prefixes = new Set<string>();
    for (let start = 0; start < files.length; start += perStep) {
      this.packages.discover(files.slice(start, start + perStep));
      yield 'files';
    }
    for (const name of this.packages.discover([])) prefixes.add(`${name}/`);
    const roots = new Set<string>();
    const seenDirs = new Set<string>();
    let looked = 0;
    for (const file of files) {
      if (++looked % perStep === 0) yield 'files';
      const dir = dirname(file);
      if (seenDirs.has(dir)) continue;
      seenDirs.add(dir);
      const config = this.configFor(dir);
      if (!config) continue;
      for (const [pattern, targets] of config.paths) {
        const prefix = pattern.replace(/\*.*$/, '');
        if (prefix) prefixes.add(prefix);
        else for (const target of targets) roots.add(joinPath(config.base, target.replace(/\*.*$/, '')));
      }
      if (config.hasBaseUrl) roots.add(config.base);
    }
    for (const file of files) {
      for (const root of roots) {
        if (root !== '' && !file.startsWith(`${root}/`)) continue;
        const rest = root === '' ? file : file.slice(root.length + 1);
        const slash = rest.indexOf('/');
        prefixes.add(slash < 0 ? rest.replace(/\.[^.]+$/, '') : rest.slice(0, slash + 1));
      }
    }
    prefixes.delete('');
    return [...prefixes];
  }

  private resolveUncached(dir: string, spec: string): string | undefined {
    if (spec.startsWith('.')) return this.resolvePath(joinPath(dir, spec));
    if (spec.startsWith('/')) return undefined;
    const config = this.configFor(dir);
    if (!config) return this.packages.resolve(spec, (path) => this.resolvePath(path));
    for (const [pattern, targets] of config.paths) {
      const star = pattern.indexOf('*');
      let captured: string | null = null;
      if (star < 0) captured = pattern === spec ? '' : null;
      else if (spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1))) {
        captured = spec.slice(star, spec.length - (pattern.length - star - 1));
      }
      if (captured === null) continue;
      for (const target of targets) {
        const found = this.resolvePath(joinPath(config.base, target.replace('*', captured)));
        if (found) return found;
      }
    }
    const fromPackage = this.packages.resolve(spec, (path) => this.resolvePath(path));
    if (fromPackage) return fromPackage;
    if (config.hasBaseUrl) return this.resolvePath(joinPath(config.base, spec));
    return undefined;
  }

  private resolvePath(base: string): string | undefined {
    const candidates: string[] = [];
    const ext = /\.[mc]?jsx?$/.exec(base)?.[0];
    if (ext) for (const tsExt of JS_TO_TS[ext] ?? []) candidates.push(base.slice(0, -ext.length) + tsExt);
    candidates.push(base);
    for (const e of SOURCE_EXTENSIONS) candidates.push(base + e);
    for (const e of SOURCE_EXTENSIONS) candidates.push(`${base}/index${e}`);
    return candidates.find((c) => this.host.fileExists(c));
  }

  /** The nearest tsconfig/jsconfig at or above `dir`, with `paths` and `baseUrl` merged over `extends`. */
  private configFor(dir: string): PathsConfig | null {
    const cached = this.configs.get(dir);
    if (cached !== undefined) return cached;
    let found: PathsConfig | null = null;
    for (const name of CONFIG_NAMES) {
      const path = dir ? `${dir}/${name}` : name;
      const loaded = this.loadConfig(path, 0);
      if (loaded) {
        found = loaded;
        break;
      }
    }
    if (!found && dir) found = this.configFor(dirname(dir));
    this.configs.set(dir, found);
    return found;
  }

  private loadConfig(path: string, depth: number): PathsConfig | null {
    const text = depth < 8 ? this.host.readFile(path) : undefined;
    if (text === undefined) return null;
    // tsconfig files are JSON with comments and trailing commas; a broken one yields what parses.
    const json = parseJsonc(text, [], { allowTrailingComma: true }) as
      { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined;
    if (!json || typeof json !== 'object') return null;
    const dir = dirname(path);
    let result: PathsConfig = { base: dir, hasBaseUrl: false, paths: [] };
    const parents = Array.isArray(json.extends) ? json.extends : [json.extends];
    for (const parent of parents) {
      if (typeof parent !== 'string' || !parent.startsWith('.')) continue; // package configs hold no project paths
      const parentPath = joinPath(dir, parent.endsWith('.json') ? parent : `${parent}.json`);
      const inherited = this.loadConfig(parentPath, depth + 1);
      if (inherited) result = inherited;
    }
    const options = json.compilerOptions ?? {};
    if (typeof options.baseUrl === 'string')
      result = { ...result, base: joinPath(dir, options.baseUrl), hasBaseUrl: true };
    if (options.paths && typeof options.paths === 'object') {
      const paths = Object.entries(options.paths as Record<string, unknown>).filter(
        (e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((t) => typeof t === 'string'),
      );
      // Without baseUrl, `paths` targets are relative to the config that declares them.
      result = { ...result, paths, base: result.hasBaseUrl ? result.base : dir };
    }
    return result;
  }
}
