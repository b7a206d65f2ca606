// The KPI worker: a child process of the language server (bundled as dist/kpi-worker.js) that runs one
// live computation and exits. Queries never run on the server's thread, a crash of the engine (a
// native addon) cannot take the server down, and the memory a query used goes with the process.
import { KpiInputError } from '../../kpi/duckdb/inputs';
import { computeLive, type LiveJob } from '../../kpi/live/compute-live';
import type { WorkerReply } from './runner';

process.once('message', (job: LiveJob) => {
  computeLive(job).then(
    (kpis) => reply({ ok: true, kpis }),
    (error: unknown) =>
      reply({
        ok: false,
        // DuckDB's messages can quote the query over many lines: the first says what failed.
        message: (error instanceof Error ? error.message : String(error)).split('\n')[0]!,
        input: error instanceof KpiInputError,
      }),
  );
});

function reply(message: WorkerReply): void {
  process.send!(message, undefined, {}, () => process.exit(0));
}
