// The Features view: a tree over `activationLens/features`, refreshed when the server publishes a new
// analysis. A toggle shows only features with gaps; `reveal` selects a feature (code lenses use it).
import * as vscode from 'vscode';
import type { FeatureSummary, ProtocolLocation } from '../../../server/src/protocol';
import type { TreeItemSnapshot } from '../api';
import { buildNodes, type FeatureNode } from './nodes';

export const FEATURES_VIEW = 'activationLens.features';
/** Context keys the menus and welcome views of package.json read. */
const GAPS_ONLY_CONTEXT = 'activationLens.gapsOnly';
const LOADED_CONTEXT = 'activationLens.featuresLoaded';
const GAPS_ONLY_STATE = 'activationLens.features.gapsOnly';

export class FeaturesTree implements vscode.TreeDataProvider<FeatureNode>, vscode.Disposable {
  private features: FeatureSummary[] = [];
  private roots: FeatureNode[] = [];
  private loading: Promise<void> = Promise.resolve();
  private generation = 0;
  private gapsOnly: boolean;
  private readonly changed = new vscode.EventEmitter<FeatureNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<FeatureNode>;

  constructor(
    private readonly fetch: () => Promise<FeatureSummary[]>,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.gapsOnly = state.get(GAPS_ONLY_STATE, false);
    this.view = vscode.window.createTreeView(FEATURES_VIEW, {
      treeDataProvider: this,
      showCollapseAll: true,
    });
    void vscode.commands.executeCommand('setContext', GAPS_ONLY_CONTEXT, this.gapsOnly);
  }

  /** Asks the server for the features again; a newer refresh wins over a slower older one. */
  refresh(): Promise<void> {
    const generation = ++this.generation;
    this.loading = this.fetch().then(
      (features) => {
        if (generation !== this.generation) return;
        this.features = features;
        this.rebuild();
        void vscode.commands.executeCommand('setContext', LOADED_CONTEXT, true);
      },
      (error: unknown) =>
        this.log.warn(`Features view: ${error instanceof Error ? error.message : String(error)}`),
    );
    return this.loading;
  }

  isGapsOnly(): boolean {
    return this.gapsOnly;
  }

  async setGapsOnly(on: boolean): Promise<void> {
    this.gapsOnly = on;
    await this.state.update(GAPS_ONLY_STATE, on);
    await vscode.commands.executeCommand('setContext', GAPS_ONLY_CONTEXT, on);
    this.rebuild();
  }

  /** Selects and expands the feature; turns the gaps filter off when it hides the feature. */
  async reveal(key: string): Promise<boolean> {
    await this.loading;
    if (!this.roots.some((n) => n.feature === key) && this.features.some((f) => f.key === key))
      await this.setGapsOnly(false);
    const node = this.roots.find((n) => n.feature === key);
    if (!node) {
      void vscode.window.showInformationMessage(`Activation Lens: no feature ${key} in the Features view.`);
      return false;
    }
    await this.view.reveal(node, { select: true, focus: true, expand: 1 });
    return true;
  }

  getTreeItem(node: FeatureNode): vscode.TreeItem {
    const state =
      node.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : node.kind === 'milestone'
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    if (node.description !== undefined) item.description = node.description;
    if (node.tooltip !== undefined) item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(
      node.icon,
      node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined,
    );
    item.contextValue = node.planLocation ? `${node.kind}.planned` : node.kind;
    if (node.location) item.command = openCommand(node.location);
    return item;
  }

  async getChildren(node?: FeatureNode): Promise<FeatureNode[]> {
    if (node) return node.children;
    await this.loading;
    return this.roots;
  }

  getParent(node: FeatureNode): FeatureNode | undefined {
    return node.parent;
  }

  /** Exactly what the view shows, for the extension's API (tests read the tree through it). */
  async snapshot(): Promise<TreeItemSnapshot[]> {
    const walk = async (nodes: FeatureNode[]): Promise<TreeItemSnapshot[]> =>
      Promise.all(
        nodes.map(async (node) => {
          const item = this.getTreeItem(node);
          const snap: TreeItemSnapshot = {
            label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
            children: await walk(await this.getChildren(node)),
          };
          if (typeof item.description === 'string') snap.description = item.description;
          if (typeof item.tooltip === 'string') snap.tooltip = item.tooltip;
          if (item.iconPath instanceof vscode.ThemeIcon) snap.icon = item.iconPath.id;
          if (item.command)
            snap.command = { command: item.command.command, arguments: item.command.arguments ?? [] };
          return snap;
        }),
      );
    return walk(await this.getChildren());
  }

  /** Labels of the selected items. */
  selection(): string[] {
    return this.view.selection.map((n) => n.label);
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }

  private rebuild(): void {
    this.roots = buildNodes(this.features, { gapsOnly: this.gapsOnly, describe });
    const withGaps = this.features.filter((f) => f.missing.length > 0).length;
    this.view.badge = withGaps
      ? { value: withGaps, tooltip: `${withGaps} feature${withGaps === 1 ? '' : 's'} with gaps` }
      : undefined;
    this.view.message = this.gapsOnly ? 'Features with gaps only' : undefined;
    this.changed.fire(undefined);
  }
}

/** `src/Checkout.tsx:9` (1-based line), relative to its workspace folder. */
function describe(location: ProtocolLocation): string {
  const uri = vscode.Uri.parse(location.uri);
  return `${vscode.workspace.asRelativePath(uri, false)}:${location.range.start.line + 1}`;
}

export function toVsRange(location: ProtocolLocation): vscode.Range {
  const { start, end } = location.range;
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

export function openCommand(location: ProtocolLocation): vscode.Command {
  return {
    title: 'Open',
    command: 'vscode.open',
    arguments: [vscode.Uri.parse(location.uri), { selection: toVsRange(location) }],
  };
}
