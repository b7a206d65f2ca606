// What a scan extracts of one file, by mode: the same on the main thread and in a worker.
import type { FactsStore } from '../../core/facts-store';
import type { ScanMode } from './protocol';

export function scanFile(store: FactsStore, file: string, mode: ScanMode): void {
  store.candidate(file);
  if (mode === 'exports' || mode === 'both') store.exportsOf(file);
  if (mode === 'full' || mode === 'both') store.full(file);
}
