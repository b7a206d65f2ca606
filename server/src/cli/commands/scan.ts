// `activation-lens scan [dir] --format json|text`: every entry point and tracking call found.
import type { Command } from 'commander';
import { scanJson } from '../format/scan-json';
import { scanText } from '../format/scan-text';
import { choice, workspaceDir } from '../options';

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description(
      'List feature entry points (flag checks, @feature annotations) and analytics tracking calls.',
    )
    .argument('[dir]', 'workspace folder', '.')
    .option('-f, --format <format>', 'output format: json or text', 'text')
    .option('--plan <file>', 'plan file to read extra call shapes from (default: <dir>/activation-lens.yaml)')
    .action(async (dir: string, opts: { format: string; plan?: string }) => {
      const format = choice('format', opts.format, ['json', 'text'] as const);
      const root = workspaceDir(dir);
      // Loaded when the command runs, so other commands start without the TypeScript parser.
      const { analyzeDirectory } = await import('../../workspace/analyze.js');
      const result = analyzeDirectory(root, opts.plan ? { planFile: opts.plan } : {});
      const out = format === 'json' ? `${JSON.stringify(scanJson(result), null, 2)}\n` : scanText(result);
      process.stdout.write(out);
    });
}
