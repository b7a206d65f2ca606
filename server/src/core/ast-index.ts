// One walk of a file's tree, shared by everything extraction does with it: every node in the order
// `walk` visits them (depth first, source order) and each node's parent (typescript-estree does not
// link parents). Walking a long file is a good part of extracting it; doing it once, not three times,
// is what keeps re-analysis on a keystroke close to the parse.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

/** The nodes extraction visits, in `walk` order, and a parent lookup that covers at least them. */
export interface WalkedNodes {
  readonly nodes: readonly TSESTree.Node[];
  parentOf(node: TSESTree.Node): TSESTree.Node | undefined;
}

export class AstIndex implements WalkedNodes {
  /** Every node, in `walk` order. */
  readonly nodes: TSESTree.Node[] = [];
  /** Each node's parent (the root has none). */
  readonly parents = new Map<TSESTree.Node, TSESTree.Node>();

  constructor(root: TSESTree.Node) {
    const stack: TSESTree.Node[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      this.nodes.push(node);
      const keys = visitorKeys[node.type] ?? [];
      // Children pushed in reverse, so that they are visited in source order.
      for (let k = keys.length - 1; k >= 0; k--) {
        const child = (node as unknown as Record<string, unknown>)[keys[k]!];
        if (Array.isArray(child)) {
          for (let i = child.length - 1; i >= 0; i--) this.link(child[i], node, stack);
        } else {
          this.link(child, node, stack);
        }
      }
    }
  }

  parentOf(node: TSESTree.Node): TSESTree.Node | undefined {
    return this.parents.get(node);
  }

  private link(child: unknown, parent: TSESTree.Node, stack: TSESTree.Node[]): void {
    if (!child || typeof (child as TSESTree.Node).type !== 'string') return;
    this.parents.set(child as TSESTree.Node, parent);
    stack.push(child as TSESTree.Node);
  }
}
