// Every snippet runs: programs on their own, the others inserted into a small harness
// (test/fixtures/snippets) that calls them and prints what it measured. Each check is about
// behaviour a learner can see: concurrency (time near the slowest call, not the sum), limits
// (peak overlap), cleanup, timeouts. Sleeps are 0.05-0.3 s and the bounds are generous.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SNIPPET_CATALOG } from '../../../src/snippets/catalog';
import { fixturePath } from '../helpers';
import { inserted, insertAtMarker, packSnippets, type PackSnippet } from './pack';
import { ASYNC_MISTAKES, findPython, NO_PYTHON_MESSAGE, pythonAtLeast, runPython, type PythonInfo, type PythonRun } from './python';

interface RunSpec {
  prefix: string;
  /** What the run shows, for the test title. */
  shows: string;
  /** A harness under test/fixtures/snippets; without one the snippet is a program and runs alone. */
  harness?: string;
  /** Text typed into tabstops first, as a user would (a short timeout instead of the 10 s default). */
  values?: Record<number, string>;
  pythonPath?: string[];
  check(run: PythonRun): void;
}

/** The JSON object a harness prints as its last line. */
function report(run: PythonRun): Record<string, unknown> {
  const last = run.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as Record<string, unknown>;
  } catch {
    throw new Error(`the harness printed no JSON report; stdout:\n${run.stdout}`);
  }
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const lines = (run: PythonRun): string[] => run.stdout.trim().split('\n');

/** Elapsed time of concurrent calls: at least the slowest, and closer to it than to the sum. */
function assertConcurrent(elapsed: number, slowest: number, total: number): void {
  assert.ok(elapsed >= slowest * 0.9, `${elapsed.toFixed(3)} s is faster than the slowest call (${slowest} s)`);
  assert.ok(elapsed < (slowest + total) / 2, `${elapsed.toFixed(3)} s is nearer the sum (${total} s) than the slowest call (${slowest} s)`);
}

const RUNS: RunSpec[] = [
  {
    prefix: 'aio-run',
    shows: 'main() runs to completion: hello, then world after the sleep',
    check: (run) => assert.deepEqual(lines(run), ['hello', 'world']),
  },
  {
    prefix: 'aio-gather',
    harness: 'aio-gather.py',
    shows: 'all calls overlap, time is near the slowest call not the sum, results keep call order',
    check(run) {
      const r = report(run) as { items: number[]; unit: number; results: number[]; peak: number; elapsed: number };
      assert.deepEqual(r.results, r.items.map((i) => i * 10));
      assert.equal(r.peak, r.items.length);
      assertConcurrent(r.elapsed, Math.max(...r.items) * r.unit, sum(r.items) * r.unit);
    },
  },
  {
    prefix: 'aio-semaphore',
    harness: 'aio-semaphore.py',
    shows: 'never more than the limit at once, in waves, results in order',
    check(run) {
      const r = report(run) as { limit: number; count: number; delay: number; results: number[]; peak: number; elapsed: number };
      assert.equal(r.peak, r.limit);
      assert.deepEqual(r.results, [...Array(r.count).keys()]);
      const waves = Math.ceil(r.count / r.limit) * r.delay;
      assertConcurrent(r.elapsed, waves, r.count * r.delay);
    },
  },
  ...(['aio-timeout', 'aio-wait-for'] as const).map(
    (prefix): RunSpec => ({
      prefix,
      harness: 'fallback-on-timeout.py',
      values: { [prefix === 'aio-timeout' ? 1 : 3]: '0.2' },
      shows: 'a fast call returns its result; a slow one is cancelled at the 0.2 s timeout and falls back to None',
      check(run) {
        const r = report(run) as { fast: string; slow: string | null; slow_elapsed: number };
        assert.equal(r.fast, 'fast');
        assert.equal(r.slow, null);
        assert.ok(r.slow_elapsed >= 0.18 && r.slow_elapsed < 1.5, `gave up after ${r.slow_elapsed} s, not near 0.2 s (the call takes 3 s)`);
      },
    }),
  ),
  {
    prefix: 'aio-taskgroup',
    harness: 'aio-taskgroup.py',
    shows: 'tasks overlap and keep order; one failure cancels the others at once and raises an ExceptionGroup',
    check(run) {
      const r = report(run) as {
        items: number[]; unit: number; results: number[]; peak: number; elapsed: number;
        failing_items: number[]; errors: string[] | null; cancelled: number[]; failed_after: number;
      };
      assert.deepEqual(r.results, r.items.map((i) => i * 10));
      assert.equal(r.peak, r.items.length);
      assertConcurrent(r.elapsed, Math.max(...r.items) * r.unit, sum(r.items) * r.unit);
      assert.deepEqual(r.errors, ['item 0 failed']);
      assert.deepEqual(r.cancelled, r.failing_items.filter((i) => i !== 0).sort());
      const fastestSibling = Math.min(...r.failing_items.filter((i) => i !== 0)) * r.unit;
      assert.ok(r.failed_after < fastestSibling * 0.75, `failed after ${r.failed_after} s: the siblings were awaited, not cancelled`);
    },
  },
  {
    prefix: 'aio-task',
    harness: 'aio-task.py',
    shows: 'spawned tasks are tracked while they run, all finish, and the set empties itself',
    check(run) {
      const r = report(run) as { is_task: boolean; first_result: number; spawned: number; tracked_while_running: number; finished: number[]; tracked_after: number };
      assert.equal(r.is_task, true);
      assert.equal(r.first_result, 0);
      assert.equal(r.tracked_while_running, r.spawned);
      assert.deepEqual(r.finished, [...Array(r.spawned).keys()]);
      assert.equal(r.tracked_after, 0);
    },
  },
  {
    prefix: 'aio-context-manager',
    harness: 'aio-context-manager.py',
    shows: 'setup is awaited before the block, cleanup after it, also when the block raises, and the error propagates',
    check(run) {
      const r = report(run) as { entered_as: string; awaited_before_block: number; awaited_normal: number; awaited_on_error: number; propagated: string | null };
      assert.equal(r.entered_as, 'Connection');
      assert.equal(r.awaited_before_block, 1);
      assert.equal(r.awaited_normal, 2);
      assert.equal(r.awaited_on_error, 2);
      assert.equal(r.propagated, 'boom');
    },
  },
  {
    prefix: 'aio-generator',
    harness: 'aio-generator.py',
    shows: 'values arrive one at a time as they are produced, not all at the end',
    check(run) {
      const { events } = report(run) as { events: { value: string; at: number }[] };
      assert.deepEqual(events.map((e) => e.value), ['0', '1', '2']);
      events.forEach((e, i) => {
        const gap = e.at - (i === 0 ? 0 : events[i - 1]!.at);
        assert.ok(gap >= 0.05, `value ${e.value} came ${gap.toFixed(3)} s after the previous one: batched, not streamed`);
      });
    },
  },
  {
    prefix: 'aio-queue',
    shows: 'every item is processed exactly once by several workers, then the program stops cleanly',
    check(run) {
      const out = lines(run);
      const finished = out.map((line) => /^(worker-\d+) finished (\d+)$/.exec(line)).filter((m) => m !== null);
      assert.deepEqual(finished.map((m) => Number(m[2])).sort((a, b) => a - b), [...Array(10).keys()]);
      const workers = new Set(finished.map((m) => m[1]));
      assert.ok(workers.size >= 2, `only ${[...workers].join(', ')} did the work`);
      assert.equal(out[out.length - 1], 'all items processed');
    },
  },
  {
    prefix: 'aio-fetcher',
    pythonPath: [fixturePath('snippets', 'shadow-aiohttp')],
    shows: 'without aiohttp it says so, runs on the simulated session, at most LIMIT requests overlap, and all URLs arrive in about ceil(10/3) rounds',
    check(run) {
      const out = run.stdout;
      assert.match(out, /aiohttp is not installed \(pip install aiohttp\): using a simulated session/);
      assert.equal(Number(/at most (\d+) requests in flight/.exec(out)?.[1]), 3);
      const fetched = /fetched (\d+) of (\d+) URLs in ([\d.]+) s/.exec(out);
      assert.ok(fetched, out);
      assert.equal(fetched[1], '10');
      assert.equal(fetched[2], '10');
      assertConcurrent(Number(fetched[3]), Math.ceil(10 / 3) * 0.2, 10 * 0.2);
    },
  },
  {
    prefix: 'aio-event',
    shows: 'the waiter waits, then wakes once the other task sets the event',
    check: (run) => assert.deepEqual(lines(run), ['waiting', 'ready']),
  },
  {
    prefix: 'aio-timer',
    harness: 'aio-timer.py',
    shows: 'prints the time of its block on exit, also when the block raises, without swallowing the error',
    check(run) {
      const r = report(run) as { seconds: number; propagated: string | null };
      const printed = /^demo: (\d+\.\d\d) s$/m.exec(run.stdout);
      assert.ok(printed, run.stdout);
      assert.ok(Number(printed[1]) >= 0.18 && Number(printed[1]) < 0.6, `timed ${printed[1]} s for a 0.2 s block`);
      assert.ok(Math.abs(r.seconds - Number(printed[1])) <= 0.006, 'printed and stored times differ');
      assert.match(run.stdout, /^failing: \d+\.\d\d s$/m);
      assert.equal(r.propagated, 'boom');
    },
  },
];

function sourceFor(spec: RunSpec, snippet: PackSnippet): string {
  if (!spec.harness) return inserted(snippet, { values: spec.values });
  return insertAtMarker(readFileSync(fixturePath('snippets', spec.harness), 'utf8'), snippet, { values: spec.values });
}

describe('snippets run with python3', function () {
  this.timeout(20_000);
  const snippets = new Map(packSnippets().map((s) => [s.prefix, s]));
  const runs = new Map<string, Promise<PythonRun>>();
  let python: PythonInfo | null = null;

  before(function () {
    python = findPython();
    if (!python) {
      console.warn(`      ${NO_PYTHON_MESSAGE}`);
      this.skip();
    }
    // Start every run at once: they mostly sleep, so the suite takes as long as the slowest run.
    for (const spec of RUNS) {
      const snippet = snippets.get(spec.prefix);
      const info = SNIPPET_CATALOG[spec.prefix];
      if (!snippet || !info || !pythonAtLeast(python, info.minPython)) continue;
      const run = runPython(python, sourceFor(spec, snippet), spec.prefix, { pythonPath: spec.pythonPath });
      run.catch(() => undefined); // reported by its own test
      runs.set(spec.prefix, run);
    }
  });

  it('runs every snippet of the pack', () => {
    assert.deepEqual(RUNS.map((s) => s.prefix).sort(), [...snippets.keys()].sort());
  });

  for (const spec of RUNS) {
    it(`${spec.prefix}: ${spec.shows}`, async function () {
      const info = SNIPPET_CATALOG[spec.prefix];
      if (python && info && !pythonAtLeast(python, info.minPython)) {
        console.warn(`      ${spec.prefix} needs Python ${info.minPython}+, found ${python.major}.${python.minor}: skipped`);
        this.skip();
      }
      const run = await runs.get(spec.prefix);
      assert.ok(run, `${spec.prefix} was not started`);
      const context = `\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
      assert.equal(run.timedOut, false, `did not finish within the timeout${context}`);
      assert.equal(run.code, 0, `exit code ${run.code}${context}`);
      assert.doesNotMatch(run.stderr, ASYNC_MISTAKES, context);
      spec.check(run);
    });
  }
});
