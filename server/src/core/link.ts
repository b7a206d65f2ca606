// Resolves symbolic names across files: follows imports, re-exports (`export *`, `export { x } from`)
// and property paths into other modules' exported constants.
import type { FileFacts } from './extract';
import type { ModuleResolver } from './modules';
import type { ResolvedFrom } from './types';
import { concat, type Val } from './values';

export interface Resolved {
  value: string;
  via: ResolvedFrom;
}

const MAX_DEPTH = 32;

export class Linker {
  constructor(
    private readonly factsOf: (file: string) => FileFacts | undefined,
    private readonly modules: ModuleResolver,
  ) {}

  /** The string a value stands for, or null when it is not statically certain. */
  resolve(val: Val, file: string): Resolved | null {
    const out = this.deref(val, file, [], 0);
    return out?.k === 'str' ? { value: out.v, via: out.via } : null;
  }

  private deref(val: Val, file: string, path: string[], depth: number): Val | null {
    if (depth > MAX_DEPTH) return null;
    switch (val.k) {
      case 'str':
        return path.length === 0 ? val : null;
      case 'obj': {
        if (path.length === 0) return val;
        const [head, ...rest] = path;
        const prop = Object.prototype.hasOwnProperty.call(val.props, head!) ? val.props[head!] : undefined;
        return prop ? this.deref(prop, file, rest, depth + 1) : null;
      }
      case 'concat': {
        if (path.length) return null;
        const parts = val.parts.map((p) => this.deref(p, file, [], depth + 1));
        if (parts.some((p) => p === null)) return null;
        return concat(parts as Val[]);
      }
      case 'import': {
        const target = this.modules.resolve(file, val.from);
        if (!target) return null;
        const full = [...val.path, ...path];
        let exported: { val: Val; file: string } | null;
        if (val.name === '*') {
          if (full.length === 0) return null; // a namespace object is never a name
          exported = this.lookupExport(target, full.shift()!, new Set());
        } else {
          exported = this.lookupExport(target, val.name, new Set());
        }
        if (!exported) return null;
        const out = this.deref(exported.val, exported.file, full, depth + 1);
        return out && (out.k === 'str' || out.k === 'obj') ? { ...out, via: 'import' } : out;
      }
      default:
        return null;
    }
  }

  /** What `file` exports as `name`, following `export *` (the wrapper pass follows the rest itself). */
  lookupExport(file: string, name: string, seen = new Set<string>()): { val: Val; file: string } | null {
    if (seen.has(file)) return null;
    seen.add(file);
    const facts = this.factsOf(file);
    if (!facts) return null;
    const own = Object.prototype.hasOwnProperty.call(facts.exports, name) ? facts.exports[name] : undefined;
    if (own) return { val: own, file };
    if (name === 'default') return null; // `export *` never re-exports a default
    for (const spec of facts.starExports) {
      const target = this.modules.resolve(file, spec);
      const found = target ? this.lookupExport(target, name, seen) : null;
      if (found) return found;
    }
    return null;
  }
}
