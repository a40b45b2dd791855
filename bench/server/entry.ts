// The language server for the benchmark: `async-coach server` as dist/cli.js runs it, plus an
// event-loop delay histogram of the protocol thread written to ASYNC_COACH_LAG_OUT at exit.
// `--in-thread` keeps the core on the protocol thread (the server before its core moved to a worker).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serveCoreIfWorker } from '../../src/server/coreWorker';
import { startStdioServer } from '../../src/server/stdio';

if (!serveCoreIfWorker()) {
  const root = path.resolve(__dirname, process.env.ASYNC_COACH_ROOT ?? '.');
  const wasm = { runtime: path.join(root, 'node_modules/web-tree-sitter/web-tree-sitter.wasm'), python: path.join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm') };
  const lag = monitorEventLoopDelay({ resolution: 5 });
  // The protocol library ends the process on `exit`: write the figures as it goes.
  process.on('exit', () => {
    lag.disable();
    const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
    if (process.env.ASYNC_COACH_LAG_OUT) writeFileSync(process.env.ASYNC_COACH_LAG_OUT, JSON.stringify({ p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max) }));
  });
  void startStdioServer(__filename, wasm, path.join(root, 'media', 'docs'), { coreInThisThread: process.argv.includes('--in-thread') }).then((code) => process.exit(code));
  // The driver signals when the measured part starts (after start-up and initialize).
  process.on('SIGUSR2', () => lag.reset());
  lag.enable();
}
