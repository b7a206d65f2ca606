// `activation-lens check [dir] [--format text|json|sarif] [--plan FILE] [--max-warnings N]`: features,
// their milestone events and the rules' findings. Exit 0 when clean (warnings within --max-warnings),
// 1 when there are errors or too many warnings, 2 on usage or configuration errors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { checkDirectory } from '../../workspace/check';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors';
import { checkJson, summary } from '../format/check-json';
import { checkSarif } from '../format/check-sarif';
import { checkText } from '../format/check-text';
import { choice, workspaceDir } from '../options';

interface CheckOptions {
  format: string;
  plan?: string;
  maxWarnings: string;
  cacheDir?: string;
  jobs?: string;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      "Check that each feature's discovery, activation and value events are instrumented, and report plan, naming and flag problems.",
    )
    .argument('[dir]', 'workspace folder', '.')
    .option('-f, --format <format>', 'output format: text, json or sarif', 'text')
    .option(
      '--plan <file>',
      'plan file for every source file (default: the nearest activation-lens.yaml up the tree)',
    )
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this (-1: no limit)', '-1')
    .option(
      '--cache-dir <dir>',
      'keep a persistent index in this folder, so that the next run re-reads only changed files (default: none)',
    )
    .option(
      '--jobs <n>',
      'worker threads for reading and parsing files, beside the main thread (default: one per 1.5 idle cores less the main thread, one per 400 files at most, so none on 2 cores; 0: none)',
    )
    .action(async (dir: string, opts: CheckOptions) => {
      const format = choice('format', opts.format, ['text', 'json', 'sarif'] as const);
      const maxWarnings = parseMaxWarnings(opts.maxWarnings);
      const root = workspaceDir(dir);
      if (opts.plan !== undefined && !isReadableFile(opts.plan))
        throw new UsageError(`cannot read plan file ${opts.plan}`);
      const jobs = opts.jobs === undefined ? undefined : parseJobs(opts.jobs);
      const check = await checkDirectory(root, {
        ...(opts.plan !== undefined ? { planFile: opts.plan } : {}),
        ...(opts.cacheDir !== undefined ? { cacheDir: path.resolve(opts.cacheDir) } : {}),
        ...(jobs !== undefined ? { jobs } : {}),
      });
      const out =
        format === 'json'
          ? `${JSON.stringify(checkJson(check), null, 2)}\n`
          : format === 'sarif'
            ? `${JSON.stringify(checkSarif(check), null, 2)}\n`
            : checkText(check, { color: process.stdout.isTTY === true && !process.env.NO_COLOR });
      process.stdout.write(out);
      // Where the time went (benchmarks): ACTIVATION_LENS_TIMING=1.
      if (process.env.ACTIVATION_LENS_TIMING)
        process.stderr.write(
          `${JSON.stringify({ timings: check.timings, index: check.index, freeCores: round2(check.freeCores) })}\n`,
        );
      const s = summary(check);
      const tooMany = maxWarnings >= 0 && s.warnings > maxWarnings;
      process.exitCode = s.errors > 0 || tooMany ? EXIT_FINDINGS : EXIT_OK;
      if (tooMany && format === 'text')
        process.stdout.write(`Too many warnings (${s.warnings}, at most ${maxWarnings} allowed).\n`);
    });
}

function parseMaxWarnings(value: string): number {
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < -1)
    throw new UsageError(`--max-warnings must be a whole number, -1 for no limit (got ${value})`);
  return Number(value);
}

function parseJobs(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--jobs must be a whole number (got ${value})`);
  return Number(value);
}

function isReadableFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Two decimals are enough to read; the exact figure chose the workers. */
function round2(n: number | undefined): number | undefined {
  return n === undefined ? undefined : Math.round(n * 100) / 100;
}
