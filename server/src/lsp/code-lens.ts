// Code lenses above each entry point: the feature and what the engine knows of it.
import type { CodeLens } from 'vscode-languageserver';
import type { Analysis } from '../core/scan';
import { toRange } from './ranges';

/** The client command a lens runs: reveal the feature in the Features view. */
export const REVEAL_FEATURE_COMMAND = 'activationLens.revealFeature';

export function codeLenses(analysis: Analysis, file: string): CodeLens[] {
  return analysis.entryPoints
    .filter((e) => e.file === file && e.feature !== null)
    .map((e) => ({
      range: toRange(e.span),
      command: { title: `${e.feature} · ${e.sdk}`, command: REVEAL_FEATURE_COMMAND, arguments: [e.feature] },
    }));
}
