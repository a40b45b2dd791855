// Every snippet runs: programs on their own, the others inserted into a small harness
// (test/fixtures/snippets) that calls them and prints what it saw. Each check is about behaviour a
// learner can see, observed as events and counts, never as wall-clock time: calls overlap (how many
// were in flight at once), limits hold (the peak never passes them), order is kept, cleanup and
// cancellation happen, errors propagate. So a run proves the same on a busy machine as on a quiet one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SNIPPET_CATALOG } from '../../support/snippets/catalog';
import { fixturePath } from '../helpers';
import { ASYNC_MISTAKES, findPython, NO_PYTHON_MESSAGE, PYTHON_RUN_LIMIT_MS, pythonAtLeast, runPython, type PythonInfo, type PythonRun } from '../python';
import { inserted, insertAtMarker, packSnippets, type PackSnippet } from './pack';

interface RunSpec {
  prefix: string;
  /** What the run shows, for the test title. */
  shows: string;
  /** A harness under test/fixtures/snippets; without one the snippet is a program and runs alone. */
  harness?: string;
  /** Text typed into tabstops first, as a user would (a 1 s timeout instead of the 10 s default). */
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

const lines = (run: PythonRun): string[] => run.stdout.trim().split('\n');

const RUNS: RunSpec[] = [
  {
    prefix: 'aio-run',
    shows: 'main() runs to completion: hello, then world after the sleep',
    check: (run) => assert.deepEqual(lines(run), ['hello', 'world']),
  },
  {
    prefix: 'aio-gather',
    harness: 'aio-gather.py',
    shows: 'all calls are in flight at once and the results keep call order',
    check(run) {
      const r = report(run) as { items: number[]; results: number[]; peak: number };
      assert.deepEqual(r.results, r.items.map((i) => i * 10));
      assert.equal(r.peak, r.items.length, 'every call was in flight at the same time');
    },
  },
  {
    prefix: 'aio-semaphore',
    harness: 'aio-semaphore.py',
    shows: 'never more than the limit at once, the limit is used, a probe starts only when another ended, results in order',
    check(run) {
      const r = report(run) as { limit: number; count: number; results: number[]; peak: number; events: ['start' | 'end', number][] };
      assert.equal(r.peak, r.limit);
      assert.deepEqual(r.results, [...Array(r.count).keys()]);
      // Past the first `limit` starts, every start follows an end: a slot was freed for it.
      const starts = r.events.map(([kind], i) => (kind === 'start' ? i : -1)).filter((i) => i >= 0);
      for (const at of starts.slice(r.limit)) {
        const ended = r.events.slice(0, at).filter(([kind]) => kind === 'end').length;
        const started = r.events.slice(0, at).filter(([kind]) => kind === 'start').length;
        assert.ok(started - ended < r.limit, `a probe started with ${started - ended} already in flight`);
      }
    },
  },
  ...(['aio-timeout', 'aio-wait-for'] as const).map(
    (prefix): RunSpec => ({
      prefix,
      harness: 'fallback-on-timeout.py',
      values: { [prefix === 'aio-timeout' ? 1 : 3]: '1' },
      shows: 'a call that answers returns its result; one that never answers is cancelled at the timeout and falls back to None',
      check(run) {
        const r = report(run) as { fast: string; slow: string | null; slow_cancelled: boolean };
        assert.equal(r.fast, 'fast');
        assert.equal(r.slow, null);
        assert.equal(r.slow_cancelled, true, 'the slow call was cancelled, not left running');
      },
    }),
  ),
  {
    prefix: 'aio-taskgroup',
    harness: 'aio-taskgroup.py',
    shows: 'tasks overlap and keep order; one failure cancels the others before they finish and raises an ExceptionGroup',
    check(run) {
      const r = report(run) as {
        items: number[]; results: number[]; peak: number; finished_ok: number[];
        failing_items: number[]; errors: string[] | null; cancelled: number[]; finished_on_failure: number[];
      };
      assert.deepEqual(r.results, r.items.map((i) => i * 10));
      assert.equal(r.peak, r.items.length, 'every task was in flight at the same time');
      assert.deepEqual(r.finished_ok, [...r.items].sort((a, b) => a - b));
      assert.deepEqual(r.errors, ['item 0 failed']);
      assert.deepEqual(r.cancelled, r.failing_items.filter((i) => i !== 0).sort((a, b) => a - b));
      assert.deepEqual(r.finished_on_failure, [], 'the siblings of the failed task were cancelled, not awaited to the end');
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
    shows: 'values arrive one at a time, each right after the wait that produced it, not all at the end',
    check(run) {
      const { events } = report(run) as { events: string[] };
      assert.deepEqual(events, ['sleep', '0', 'sleep', '1', 'sleep', '2']);
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
    shows: 'without aiohttp it says so, runs on the simulated session with exactly LIMIT requests in flight at the peak, and fetches every URL',
    check(run) {
      const out = run.stdout;
      assert.match(out, /aiohttp is not installed \(pip install aiohttp\): using a simulated session/);
      assert.equal(Number(/at most (\d+) requests in flight/.exec(out)?.[1]), 3);
      const fetched = /fetched (\d+) of (\d+) URLs in [\d.]+ s/.exec(out);
      assert.ok(fetched, out);
      assert.equal(fetched[1], '10');
      assert.equal(fetched[2], '10');
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
    shows: 'prints the time of its block on exit (read from the clock the harness controls), also when the block raises, without swallowing the error',
    check(run) {
      const r = report(run) as { seconds: number; propagated: string | null };
      assert.match(run.stdout, /^demo: 0\.20 s$/m);
      assert.ok(Math.abs(r.seconds - 0.2) < 1e-9, `stored ${r.seconds} s for a block that slept 0.2 s`);
      assert.match(run.stdout, /^failing: 0\.10 s$/m);
      assert.equal(r.propagated, 'boom');
    },
  },
];

function sourceFor(spec: RunSpec, snippet: PackSnippet): string {
  if (!spec.harness) return inserted(snippet, { values: spec.values });
  return insertAtMarker(readFileSync(fixturePath('snippets', spec.harness), 'utf8'), snippet, { values: spec.values });
}

describe('snippets run with python3', function () {
  // One run at a time (mocha runs tests in order); the limit is a hang guard for a loaded machine.
  this.timeout(PYTHON_RUN_LIMIT_MS + 30_000);
  const snippets = new Map(packSnippets().map((s) => [s.prefix, s]));
  let python: PythonInfo | null = null;

  before(function () {
    python = findPython();
    if (!python) {
      console.warn(`      ${NO_PYTHON_MESSAGE}`);
      this.skip();
    }
  });

  it('runs every snippet of the pack', () => {
    assert.deepEqual(RUNS.map((s) => s.prefix).sort(), [...snippets.keys()].sort());
  });

  for (const spec of RUNS) {
    it(`${spec.prefix}: ${spec.shows}`, async function () {
      const snippet = snippets.get(spec.prefix);
      const info = SNIPPET_CATALOG[spec.prefix];
      assert.ok(python && snippet && info, `${spec.prefix} is not in the pack or the catalog`);
      if (!pythonAtLeast(python, info.minPython)) {
        console.warn(`      ${spec.prefix} needs Python ${info.minPython}+, found ${python.major}.${python.minor}: skipped`);
        this.skip();
      }
      const run = await runPython(python, sourceFor(spec, snippet), spec.prefix, { pythonPath: spec.pythonPath });
      const context = `\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
      assert.equal(run.timedOut, false, `did not finish within ${PYTHON_RUN_LIMIT_MS / 1000} s${context}`);
      assert.equal(run.code, 0, `exit code ${run.code}${context}`);
      assert.doesNotMatch(run.stderr, ASYNC_MISTAKES, context);
      spec.check(run);
    });
  }
});
