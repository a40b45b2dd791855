// @ts-check
// `npm run bench:tracer`: what Async Coach's tracer (media/tracer) costs a program. Each workload
// times its own asyncio.run() with perf_counter, so Python's start-up is left out; plain and
// traced runs alternate (machine noise hits both alike) and the medians are compared.
//   node bench/tracer.mjs [--runs N] [--python python3]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flagValue } from '../scripts/lib/args.mjs';
import { parseJson } from '../scripts/lib/json.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argv = process.argv.slice(2);
/**
 * @template F
 * @param {string} name
 * @param {F} fallback
 * @returns {string | F}
 */
const flag = (name, fallback) => (argv.includes(name) ? flagValue(argv, argv.indexOf(name) + 1) : fallback);
const runs = Math.max(1, Number(flag('--runs', 5)));
const python = flag('--python', 'python3');
const tracer = path.join(root, 'media', 'tracer', 'run_traced.py');

/** A workload's program: `body` defines main(); the run prints `{"seconds": ...}`, its own timing. @param {string} body */
const timed = (body) => `import asyncio, json, time\n${body}\nstarted = time.perf_counter()\nasyncio.run(main())\nprint(json.dumps({"seconds": time.perf_counter() - started}))\n`;
const WORKLOADS = [
  {
    name: 'busy: 200 tasks x 200 asyncio.sleep(0)',
    steps: 200 * 201,
    source: timed('async def spin():\n    for _ in range(200):\n        await asyncio.sleep(0)\nasync def main():\n    await asyncio.gather(*(spin() for _ in range(200)))'),
  },
  {
    name: 'lesson-like: 100 fetches x 10 sleeps of 10 ms',
    steps: 100 * 11,
    source: timed('async def fetch(i):\n    for _ in range(10):\n        await asyncio.sleep(0.01)\n    return i\nasync def main():\n    await asyncio.gather(*(fetch(i) for i in range(100)))'),
  },
];

/** @typedef {{ seconds: number }} Timing */
/** @param {number[]} xs  at least one (runs >= 1) @returns {number} */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const work = mkdtempSync(path.join(os.tmpdir(), 'async-coach-bench-tracer-'));
try {
  console.log(`Tracer overhead with ${execFileSync(python, ['--version'], { encoding: 'utf8' }).trim()}, median of ${runs} alternating runs (asyncio.run only)\n`);
  console.log(['workload', 'plain ms', 'traced ms', 'overhead', 'per step'].join(' | '));
  for (const w of WORKLOADS) {
    const file = path.join(work, 'workload.py');
    writeFileSync(file, w.source);
    const plain = [];
    const traced = [];
    for (let i = 0; i < runs; i++) {
      plain.push(/** @type {Timing} */ (parseJson(execFileSync(python, [file], { encoding: 'utf8' }))).seconds);
      traced.push(/** @type {Timing} */ (parseJson(execFileSync(python, [tracer, '--out', path.join(work, 'trace.json'), file], { encoding: 'utf8' }))).seconds);
    }
    const p = median(plain);
    const t = median(traced);
    console.log([w.name, (p * 1000).toFixed(1), (t * 1000).toFixed(1), `${(((t - p) / p) * 100).toFixed(0)}%`, `${(((t - p) / w.steps) * 1e6).toFixed(1)} µs`].join(' | '));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
