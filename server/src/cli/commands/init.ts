// `activation-lens init [dir] [--force]`: drafts activation-lens.yaml from the features, flag keys and
// linked events that `check` finds. An existing plan is left alone unless --force, which adds what the
// code shows to it and keeps everything it already says. Exit 0 when written, 2 otherwise.
import * as path from 'node:path';
import type { Command } from 'commander';
import { initPlan } from '../../workspace/init';
import { UsageError } from '../errors';
import { workspaceDir } from '../options';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      'Write activation-lens.yaml from the features, flags and milestone events found in the code.',
    )
    .argument('[dir]', 'workspace folder', '.')
    .option('--force', 'update an existing plan: add the features and events found in the code to it')
    .action(async (dir: string, opts: { force?: boolean }) => {
      const root = workspaceDir(dir);
      const outcome = await initPlan(root, { force: opts.force === true });
      const shown = path.relative(process.cwd(), outcome.file) || outcome.file;
      if (outcome.status === 'exists')
        throw new UsageError(
          `${shown} exists already: use --force to add the features found in the code to it`,
        );
      if (outcome.status === 'invalid') throw new UsageError(`cannot update ${shown}: ${outcome.message}`);
      const verb = outcome.created ? 'Wrote' : 'Updated';
      const lines = [
        `${verb} ${shown}: ${count(outcome.features, 'feature')}` +
          (outcome.created ? '' : ` (${outcome.added.length} added, ${outcome.updated.length} updated)`) +
          `, ${count(outcome.gaps.length, 'gap')}.`,
        ...outcome.gaps.map((g) => `  ${g.feature}: no ${g.milestone} event`),
        'Review the events of each milestone, then run `activation-lens check`.',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
