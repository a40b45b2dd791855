// @ts-check
// Preloaded with `node -r` into a benchmarked process: at exit, writes the process's peak resident
// set size (kB, from getrusage) to the file named by BENCH_RSS_FILE. Whole-process figures, taken
// the same way for our CLI and for Ruff's wasm build.
'use strict';
const fs = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
