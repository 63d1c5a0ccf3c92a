// Preloaded (`node --require`) into a benchmarked process: on exit, its peak RSS (KiB) and the CPU
// it used (µs, all threads) go as JSON to the file named by RECON_PEAK_RSS_FILE, so the benchmark
// measures the process as a user runs it. CPU time says more than wall time on a shared machine.
import { writeFileSync } from 'node:fs';

const file = process.env.RECON_PEAK_RSS_FILE;
if (file)
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({ maxRssKb: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime }),
    );
  });
