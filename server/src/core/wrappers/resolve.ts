// Follows symbolic values across files to what they are: a function, an object of functions, a
// class or an instance, a Proxy. Imports and re-exports are followed through the linker; calls
// through what the called function returns (hooks and factories).
import type { FileFacts } from '../extract';
import type { Linker } from '../link';
import type { ModuleResolver } from '../modules';
import type { Val } from '../values';
import type { FunctionFacts } from './facts';

export type Shape =
  | { k: 'fn'; file: string; id: number }
  | { k: 'obj'; file: string; props: Record<string, Val> }
  | { k: 'class'; file: string; statics: Record<string, Val>; proto: Record<string, Val> }
  | { k: 'instance'; file: string; proto: Record<string, Val> }
  | { k: 'proxy'; file: string; get: Val }
  /** A property of a Proxy: calling it calls what `get(target, name)` returns. */
  | { k: 'proxyProp'; file: string; get: Val; name: string };

const MAX_DEPTH = 24;

export class ShapeResolver {
  /** Results by value object (a value belongs to one file); `null` also marks work in progress. */
  private readonly cache = new WeakMap<Val, Shape | null>();

  constructor(
    private readonly factsOf: (file: string) => FileFacts | undefined,
    private readonly modules: ModuleResolver,
    private readonly linker: Linker,
  ) {}

  functionFacts(file: string, id: number): FunctionFacts | undefined {
    return this.factsOf(file)?.wrappers?.functions[id];
  }

  resolve(val: Val, file: string, depth = 0): Shape | null {
    if (depth > MAX_DEPTH) return null;
    if (this.cache.has(val)) return this.cache.get(val)!;
    this.cache.set(val, null);
    const shape = this.resolveUncached(val, file, depth + 1);
    this.cache.set(val, shape);
    return shape;
  }

  member(shape: Shape | null, name: string, depth = 0): Shape | null {
    if (!shape) return null;
    const own = (props: Record<string, Val>) =>
      Object.prototype.hasOwnProperty.call(props, name)
        ? this.resolve(props[name]!, shape.file, depth)
        : null;
    switch (shape.k) {
      case 'obj':
        return own(shape.props);
      case 'class':
        return own(shape.statics);
      case 'instance':
        return own(shape.proto);
      case 'proxy':
        return { k: 'proxyProp', file: shape.file, get: shape.get, name };
      default:
        return null;
    }
  }

  private resolveUncached(val: Val, file: string, depth: number): Shape | null {
    switch (val.k) {
      case 'fn':
        return { k: 'fn', file, id: val.id };
      case 'obj':
        return { k: 'obj', file, props: val.props };
      case 'class':
        return { k: 'class', file, statics: val.statics, proto: val.proto };
      case 'proxy':
        return { k: 'proxy', file, get: val.get };
      case 'new': {
        const cls = this.resolve(val.callee, file, depth);
        return cls?.k === 'class' ? { k: 'instance', file: cls.file, proto: cls.proto } : null;
      }
      case 'prop':
        return this.member(this.resolve(val.of, file, depth), val.name, depth);
      case 'call': {
        const fn = this.resolve(val.callee, file, depth);
        if (fn?.k !== 'fn') return null;
        for (const ret of this.functionFacts(fn.file, fn.id)?.returns ?? []) {
          const shape = this.resolve(ret, fn.file, depth);
          if (shape) return shape;
        }
        return null;
      }
      case 'import': {
        const target = this.modules.resolve(file, val.from);
        if (!target) return null;
        const path = [...val.path];
        const name = val.name === '*' ? path.shift() : val.name;
        if (name === undefined) return null; // a namespace object itself is never called
        const found = this.linker.lookupExport(target, name);
        if (!found) return null;
        let shape = this.resolve(found.val, found.file, depth);
        for (const prop of path) shape = this.member(shape, prop, depth);
        return shape;
      }
      default:
        return null;
    }
  }
}
