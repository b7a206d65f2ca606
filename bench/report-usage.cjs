// Preloaded into a benchmarked process: on exit, writes its peak RSS (KB; all its threads) and CPU
// time (ms). Its worker threads and child processes inherit the preload (`fork` passes `execArgv`
// on) but must not overwrite the report.
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const owner = process.env.AL_USAGE_REPORT_OWNER;
if (isMainThread && owner === undefined) {
  process.env.AL_USAGE_REPORT_OWNER = String(process.pid);
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(
      process.env.AL_USAGE_REPORT,
      JSON.stringify({ maxRSS: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }),
    );
  });
}
