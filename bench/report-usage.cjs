// Preloaded into a benchmarked process: on exit, writes its peak RSS (KB) and CPU time (ms).
const fs = require('node:fs');
process.on('exit', () => {
  const u = process.resourceUsage();
  fs.writeFileSync(
    process.env.AL_USAGE_REPORT,
    JSON.stringify({ maxRSS: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }),
  );
});
