// `activation-lens`: the command-line entry point. Each command lives in ./commands.
import { Command, CommanderError } from 'commander';
import { registerLsp } from './commands/lsp';
import { registerCheck } from './commands/check';
import { registerKpis } from './commands/kpis';
import { registerInit } from './commands/init';
import { registerLoadClickHouse } from './commands/load-clickhouse';
import { registerScan } from './commands/scan';
import { EXIT_USAGE, UsageError } from './errors';
import { VERSION } from './version';

export function buildProgram(): Command {
  const program = new Command('activation-lens')
    .description(
      'Find feature entry points and analytics tracking calls; check and measure feature activation.',
    )
    .version(VERSION)
    .configureOutput({
      // Usage errors are one line: `activation-lens: unknown option '--x'`.
      outputError: (text, write) => write(`activation-lens: ${text.replace(/^error: /, '')}`),
    })
    .exitOverride();
  registerScan(program);
  registerLsp(program);
  registerCheck(program);
  registerKpis(program);
  registerInit(program);
  registerLoadClickHouse(program);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, successfully.
      if (error.exitCode === 0) return 0;
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`activation-lens: ${error.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`activation-lens: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
}

/** Runs the CLI on the process's arguments and sets the exit code (used by bin/activation-lens.js). */
export function main(): void {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`activation-lens: ${String(error)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}

if (require.main === module) main();
