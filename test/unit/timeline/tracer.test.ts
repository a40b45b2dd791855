// The tracer against a real Python. What is asserted is behaviour the trace must show whatever the
// machine's load: lanes that overlap or follow each other, lines, outcomes. The only time bounds
// are lower bounds asyncio guarantees (a 0.3 s sleep lasts at least 0.3 s) and one comparison of
// two runs made in the same test.
import assert from 'node:assert/strict';
import { buildRun } from '../../../src/timeline/layout';
import type { TraceTask } from '../../../src/timeline/trace';
import { lineOf, tasksRunning, traceOf, traceProgram, tracerPythonVersion, TRACER_PYTHON } from './traceRun';

const GATHERED = `import asyncio

async def nap(i):
    await asyncio.sleep(0.3)
    return i

async def main():
    print(await asyncio.gather(nap(1), nap(2), nap(3)))

asyncio.run(main())
`;

const SEQUENTIAL = `import asyncio

async def nap(i):
    await asyncio.sleep(0.3)
    return i

async def main():
    a = await nap(1)
    b = await nap(2)
    c = await nap(3)
    print([a, b, c])

asyncio.run(main())
`;

const BLOCKING = `import asyncio
import time

async def blocker():
    await asyncio.sleep(0.01)
    time.sleep(0.3)  # the stall
    return "done"

async def ticker():
    await asyncio.sleep(0.05)
    return "tick"

async def main():
    await asyncio.gather(blocker(), ticker())

asyncio.run(main())
`;

const ENDINGS = `import asyncio

async def fails():
    await asyncio.sleep(0.01)
    raise ValueError("bad value")

async def sleeps_long():
    await asyncio.sleep(30)

async def main():
    failing = asyncio.create_task(fails())
    long = asyncio.create_task(sleeps_long(), name="long one")
    try:
        await failing
    except ValueError:
        pass
    long.cancel()
    await asyncio.gather(long, return_exceptions=True)
    sem = asyncio.Semaphore(1)
    async def limited():
        async with sem:
            await asyncio.sleep(0.05)
    await asyncio.gather(limited(), limited())
    raise KeyError("at the end")

asyncio.run(main())
`;

const NEVER_ENDS = `import asyncio

async def main():
    n = 0
    while True:
        n += 1
        print("tick", n)
        await asyncio.sleep(0.05)

asyncio.run(main())
`;

const STUCK = `import asyncio
import time

async def main():
    await asyncio.sleep(0.01)
    while True:
        time.sleep(0.05)  # never yields

asyncio.run(main())
`;

/** Both tasks were alive at a common moment. */
function overlap(a: TraceTask, b: TraceTask): boolean {
  return a.start < (b.end ?? Infinity) && b.start < (a.end ?? Infinity);
}

describe(`the tracer (media/tracer) with ${TRACER_PYTHON}`, function () {
  // Each test starts one or two Pythons in turn; on a loaded machine that can take a while.
  this.timeout(180_000);
  before(function () {
    if (!tracerPythonVersion()) this.skip();
  });

  it('a gather of three 0.3 s sleeps gives three overlapping lanes under main, and beats the same awaits in sequence', async () => {
    const gathered = traceOf(await traceProgram({ 'gathered.py': GATHERED }));
    const main = tasksRunning(gathered, 'main')[0];
    const naps = tasksRunning(gathered, 'nap');
    assert.ok(main);
    assert.equal(naps.length, 3);
    for (const nap of naps) {
      assert.equal(nap.parent, main.id, 'each nap lane nests under main');
      assert.equal(nap.outcome, 'result');
      assert.equal(nap.line, lineOf(GATHERED, 'async def nap'));
      assert.deepEqual({ kind: nap.waits[0]?.kind, line: nap.waits[0]?.line }, { kind: 'sleep', line: lineOf(GATHERED, 'asyncio.sleep(0.3)') });
    }
    for (const a of naps) for (const b of naps) assert.ok(overlap(a, b), 'the three naps run at the same time');
    assert.equal(main.waits[0]?.kind, 'gather');
    assert.deepEqual(main.waits[0]?.tasks, naps.map((n) => n.id));

    const sequential = traceOf(await traceProgram({ 'sequential.py': SEQUENTIAL }));
    assert.equal(tasksRunning(sequential, 'nap').length, 0, 'awaiting a coroutine starts no task');
    const waits = sequential.tasks[0]?.waits.filter((w) => w?.kind === 'sleep') ?? [];
    assert.deepEqual(waits.map((w) => w?.in), ['nap', 'nap', 'nap'], 'main waits three times, inside nap');
    // asyncio.sleep never ends early: three in a row take at least 0.9 s.
    assert.ok(sequential.total >= 0.85, `sequential total ${sequential.total}`);
    assert.ok(gathered.total < sequential.total, `gathered ${gathered.total} s vs sequential ${sequential.total} s`);
  });

  it('a time.sleep(0.3) inside a task is a stall of at least 0.25 s at its line, and the other task is blocked by it', async () => {
    const run = await traceProgram({ 'blocking.py': BLOCKING });
    const trace = traceOf(run);
    const blocker = tasksRunning(trace, 'blocker')[0];
    assert.ok(blocker);
    assert.equal(trace.stalls.length, 1, JSON.stringify(trace.stalls));
    const stall = trace.stalls[0]!;
    assert.ok(stall.end - stall.start >= 0.25, `stall of ${stall.end - stall.start} s`);
    assert.deepEqual({ task: stall.task, file: stall.file, line: stall.line, code: stall.code }, { task: blocker.id, file: run.script, line: lineOf(BLOCKING, 'time.sleep(0.3)'), code: 'time.sleep(0.3)' });
    const view = buildRun({ label: 'blocking.py', trace, output: run.output, timeoutSeconds: 60 });
    const ticker = view.lanes.find((l) => l.title === 'ticker');
    assert.ok(view.lanes.find((l) => l.title === 'blocker')?.segments.some((s) => s.kind === 'blocking' && s.line === stall.line));
    assert.ok(ticker?.segments.some((s) => s.kind === 'blocked'), 'the ticker was due during the stall: blocked');
  });

  it('records a result, an exception, a cancellation, a lock wait and the uncaught error that ended the program', async () => {
    const run = await traceProgram({ 'endings.py': ENDINGS });
    const trace = traceOf(run);
    const one = (name: string): TraceTask => {
      const task = tasksRunning(trace, name)[0];
      assert.ok(task, `no task ${name}`);
      return task;
    };
    assert.deepEqual([one('fails').outcome, one('fails').error], ['exception', 'ValueError: bad value']);
    assert.deepEqual([one('sleeps_long').outcome, one('sleeps_long').name], ['cancelled', 'long one']);
    assert.deepEqual([one('main').outcome, one('main').error], ['exception', "KeyError: 'at the end'"]);
    assert.ok(one('main').waits.some((w) => w?.kind === 'task' && w.task === one('fails').id), 'main awaited the failing task');
    const limited = tasksRunning(trace, 'main.<locals>.limited');
    assert.equal(limited.length, 2);
    assert.ok(limited.some((t) => t.waits.some((w) => w?.kind === 'lock' && w.what === 'Semaphore.acquire' && w.line === lineOf(ENDINGS, 'async with sem'))));
    assert.deepEqual(trace.exit, { code: 1, error: "KeyError: 'at the end'" });
    assert.match(run.output, /KeyError: 'at the end'/);
    assert.doesNotMatch(run.output, /run_traced|coach_recorder|runpy/, 'the traceback shows the program, not the tracer');
  });

  it('stops a program that never ends at the time limit, keeps what it printed, and says so', async () => {
    const run = await traceProgram({ 'forever.py': NEVER_ENDS }, 2);
    const trace = traceOf(run);
    assert.equal(run.timedOut, true);
    assert.equal(trace.stopped, 'timeout');
    assert.match(run.output, /tick 1\n/);
    assert.equal(tasksRunning(trace, 'main')[0]?.outcome, 'pending');
    const view = buildRun({ label: 'forever.py', trace, output: run.output, timeoutSeconds: 2 });
    assert.match(view.notes.join(' '), /Stopped at the 2 s time limit: the program was still running/);
    assert.equal(view.exitText, 'stopped at the 2 s time limit');
  });

  it('shows a program stuck in a blocking call at the time limit as a stall on that line', async () => {
    const run = await traceProgram({ 'stuck.py': STUCK }, 2);
    const trace = traceOf(run);
    assert.equal(trace.stopped, 'timeout');
    const last = trace.stalls.at(-1);
    assert.ok(last, 'the step still running at the time limit is a stall');
    assert.equal(last.line, lineOf(STUCK, 'time.sleep(0.05)'));
  });

  it('runs the program as python would: __main__, argv, its folder on sys.path, its exit code', async () => {
    const run = await traceProgram({
      'prog.py': 'import sys, asyncio, helper\nasync def main():\n    print(__name__, helper.VALUE, sys.argv[0].endswith("prog.py"))\nif __name__ == "__main__":\n    asyncio.run(main())\n    sys.exit(3)\n',
      'helper.py': 'VALUE = 42\n',
    });
    const trace = traceOf(run);
    assert.equal(run.output, '__main__ 42 True\n');
    assert.deepEqual(trace.exit, { code: 3, error: null });
    assert.equal(run.exitCode, 3);
  });

  it('keeps the program\'s own task factory (eager tasks on 3.12+) while tracing its tasks', async function () {
    const v = tracerPythonVersion();
    if (!v || v[0] * 100 + v[1] < 312) this.skip();
    const run = await traceProgram({
      'eager.py': 'import asyncio\nasync def work():\n    await asyncio.sleep(0.01)\nasync def main():\n    loop = asyncio.get_running_loop()\n    loop.set_task_factory(asyncio.eager_task_factory)\n    print(loop.get_task_factory() is asyncio.eager_task_factory)\n    await asyncio.gather(work(), work())\nasyncio.run(main())\n',
    });
    assert.equal(run.output, 'True\n');
    assert.equal(tasksRunning(traceOf(run), 'work').length, 2);
  });

  it('says when the program creates no event loop', async () => {
    const trace = traceOf(await traceProgram({ 'plain.py': 'print("no asyncio here")\n' }));
    assert.equal(trace.noLoop, true);
    assert.match(buildRun({ label: 'plain.py', trace, output: '', timeoutSeconds: 60 }).notes.join(' '), /created no asyncio event loop/);
  });
});
