// Status bar text for each client state (no `vscode` import, so unit tests can check it).

export type StatusState =
  | { kind: 'starting' }
  | { kind: 'ready'; features: number; gaps: number }
  | { kind: 'failed'; reason: string };

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function statusText(state: StatusState): string {
  switch (state.kind) {
    case 'starting':
      return 'Activation Lens: starting…';
    case 'ready':
      return `Activation Lens: ${plural(state.features, 'feature', 'features')} · ${plural(state.gaps, 'gap', 'gaps')}`;
    case 'failed':
      return 'Activation Lens: failed';
  }
}
