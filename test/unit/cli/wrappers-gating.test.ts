import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';
import { FIXTURES } from '../../helpers/fixtures';

interface Link {
  event: string;
  via: string;
  through?: { name: string }[];
}

interface Feature {
  key: string;
  milestones: Record<string, Link[]>;
}

// A flag check through a wrapper found without configuration (`useRemoteFlag`, which calls
// `posthog.isFeatureEnabled`) gates code as a direct SDK check does: the wrapper is known only after
// the workspace pass, yet its calls' branches, early returns and children are the feature's.
describe('activation-lens check: flag checks through a discovered wrapper gate code', () => {
  it('links the events of their branches, early returns and gated children via gated-branch', () => {
    const result = runCli(['check', path.join(FIXTURES, 'wrappers', 'gating'), '--format', 'json']);
    assert.equal(result.stderr, '');
    const json = JSON.parse(result.stdout) as { features: Feature[] };
    const links = json.features.flatMap((f) =>
      Object.values(f.milestones)
        .flat()
        .filter((l) => l.via !== 'exposure')
        .map((l) => [f.key, l.event, l.via, (l.through ?? []).map((t) => t.name)]),
    );
    assert.deepEqual(links, [
      ['bulk-export', 'csv_downloaded', 'gated-branch', ['ExportButton']],
      ['keyboard-nav', 'hotkeys_listed', 'gated-branch', []],
      ['quick-find', 'palette_focused', 'gated-branch', []],
      ['settings-v2', 'preferences_opened', 'gated-branch', []],
      ['settings-v2', 'theme Clicked', 'gated-branch', []],
    ]);
  });
});
