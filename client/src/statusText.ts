// Status bar text for each client state (no `vscode` import, so unit tests can check it).

export type StatusState =
  | { kind: 'starting' }
  | { kind: 'indexing' }
  | { kind: 'ready'; features: number; gaps: number; files: number }
  | { kind: 'failed'; reason: string };

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function statusText(state: StatusState): string {
  switch (state.kind) {
    case 'starting':
      return 'Activation Lens: starting…';
    case 'indexing':
      return 'Activation Lens: indexing…';
    case 'ready':
      return `Activation Lens: ${plural(state.features, 'feature', 'features')} · ${plural(state.gaps, 'gap', 'gaps')}`;
    case 'failed':
      return 'Activation Lens: failed';
  }
}

export function statusTooltip(state: StatusState): string {
  switch (state.kind) {
    case 'starting':
      return 'The Activation Lens language server is starting.';
    case 'indexing':
      return 'Activation Lens is indexing the workspace. Click to show the Features view.';
    case 'ready':
      return `${plural(state.features, 'feature', 'features')} with ${plural(state.gaps, 'missing milestone', 'missing milestones')} in ${plural(state.files, 'file', 'files')}. Click to show the Features view.`;
    case 'failed':
      return `Activation Lens failed: ${state.reason}. Click to show the output.`;
  }
}
