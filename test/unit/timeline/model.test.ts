import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTimelineToExtension, parseTimelineToWebview } from '../../../src/shared/timelineProtocol';
import { cliTrace } from '../../../src/timeline/cliJson';
import { formatSeconds } from '../../../src/shared/duration';
import { describeWait } from '../../../src/timeline/describe';
import { entryPointCalls } from '../../../src/timeline/entryPoints';
import { sourceWithSequentialAwaitsFix } from '../../../src/timeline/fixedCopy';
import { buildRun, buildTimeline, laneOrder, mergeTiny, MAX_SEGMENTS_PER_LANE } from '../../../src/timeline/layout';
import { textTimeline } from '../../../src/timeline/textTimeline';
import { parseTrace, type Trace, type TraceTask } from '../../../src/timeline/trace';
import { repoRoot, testParser } from '../helpers';

function task(id: number, parent: number | null, start: number, steps: [number, number][], extra: Partial<TraceTask> = {}): TraceTask {
  return {
    id, name: `Task-${id}`, parent, coroutine: `co${id}`, file: '/p/main.py', line: id, createdFile: null, createdLine: null,
    start, end: steps.at(-1)?.[1] ?? null, outcome: 'result', error: null, steps, waits: steps.map((_, i) => (i < steps.length - 1 ? { kind: 'sleep', file: '/p/main.py', line: 10 + id, in: `co${id}`, due: steps[i + 1]![0] } : null)),
    ...extra,
  };
}

function trace(tasks: TraceTask[], extra: Partial<Trace> = {}): Trace {
  return { version: 1, python: '3.11.7', file: '/p/main.py', total: 1, tasks, stalls: [], stallThreshold: 0.1, stopped: null, exit: { code: 0, error: null }, truncated: false, noLoop: false, ...extra };
}

describe('timeline: trace validation', () => {
  it('accepts what the tracer writes and round-trips it', () => {
    const t = trace([task(1, null, 0, [[0, 0.1], [0.5, 0.6]])]);
    assert.deepEqual(parseTrace(JSON.parse(JSON.stringify(t))), { ok: true, trace: t });
  });

  it('says which field is wrong', () => {
    const bad = JSON.parse(JSON.stringify(trace([task(1, null, 0, [[0, 0.1]])]))) as { tasks: { steps: unknown[] }[] };
    bad.tasks[0]!.steps = [[0, -1]];
    assert.deepEqual(parseTrace(bad), { ok: false, error: 'tasks[0].steps[0][1] must be a number of seconds (0 or more)' });
    assert.deepEqual(parseTrace({ version: 2 }), { ok: false, error: 'version must be 1 (a tracer from another Async Coach version wrote this trace)' });
    assert.equal(parseTrace('[]').ok, false);
    assert.equal(parseTrace(null).ok, false);
  });
});

describe('timeline: layout', () => {
  it('nests lanes under their parents, siblings in creation order', () => {
    const tasks = [task(1, null, 0, [[0, 1]]), task(3, 1, 0.2, [[0.2, 0.3]]), task(2, 1, 0.1, [[0.1, 0.2]]), task(4, 2, 0.15, [[0.15, 0.2]]), task(5, 99, 0.3, [[0.3, 0.4]])];
    assert.deepEqual(laneOrder(tasks).map((l) => [l.task.id, l.depth]), [[1, 0], [2, 1], [4, 2], [3, 1], [5, 0]]);
  });

  it('splits a task into running and waiting segments, with the sleep it waited on', () => {
    const run = buildRun({ label: 'main.py', trace: trace([task(1, null, 0, [[0.01, 0.02], [0.52, 0.53]])]), output: '', timeoutSeconds: 10 });
    assert.deepEqual(run.lanes[0]!.segments.map((s) => [s.kind, s.start, s.end]), [['waiting', 0, 0.01], ['running', 0.01, 0.02], ['waiting', 0.02, 0.52], ['running', 0.52, 0.53]]);
    assert.equal(run.lanes[0]!.segments[2]!.text, 'waited on asyncio.sleep(0.5) at line 11 (0.50 s)');
    assert.equal(run.lanes[0]!.segments[3]!.text, 'ran 10 ms and returned');
  });

  it('marks the stalling step as blocking and a due sleep of another task as blocked during the stall', () => {
    const stalled = task(1, null, 0, [[0, 0.4]]);
    const sleeper = task(2, null, 0, [[0.001, 0.002], [0.4, 0.41]]);
    sleeper.waits[0] = { kind: 'sleep', file: '/p/main.py', line: 20, in: 'co2', due: 0.1 };
    const t = trace([stalled, sleeper], { stalls: [{ start: 0, end: 0.4, task: 1, file: '/p/main.py', line: 7, code: 'time.sleep(0.4)' }] });
    const run = buildRun({ label: 'main.py', trace: t, output: '', timeoutSeconds: 10 });
    assert.deepEqual(run.lanes[0]!.segments.map((s) => s.kind), ['blocking']);
    assert.match(run.lanes[0]!.segments[0]!.text, /blocked the event loop for 0.40 s by line 7 \(time.sleep\(0.4\)\)/);
    assert.deepEqual(run.lanes[1]!.segments.map((s) => [s.kind, s.start, s.end]).slice(1, 4), [['running', 0.001, 0.002], ['waiting', 0.002, 0.1], ['blocked', 0.1, 0.4]]);
    assert.equal(run.stalls[0]!.text, 'The loop was blocked 0.40 s by line 7 (time.sleep(0.4)) in co1: a blocking call freezes every task.');
  });

  it('compares two runs by their totals', () => {
    const before = buildRun({ label: 'As it is', trace: trace([task(1, null, 0, [[0, 1.5]])], { total: 1.51 }), output: '', timeoutSeconds: 10 });
    const after = buildRun({ label: 'With the fix', trace: trace([task(1, null, 0, [[0, 0.5]])], { total: 0.503 }), output: '', timeoutSeconds: 10 });
    assert.equal(buildTimeline('sequential.py', [before, after]).comparison, '1.5 s → 0.50 s');
  });

  it('merges segments when a lane has too many to draw, keeping a stall visible', () => {
    const many = Array.from({ length: 4000 }, (_, i) => ({ kind: i === 1234 ? 'blocking' : i % 2 ? 'waiting' : 'running', start: i / 4000, end: (i + 1) / 4000, text: '' }) as const);
    const merged = mergeTiny([...many], 1);
    assert.ok(merged.length <= MAX_SEGMENTS_PER_LANE * 2, `${merged.length}`);
    assert.ok(merged.some((s) => s.kind === 'blocking'));
    assert.equal(merged[0]!.start, 0);
    assert.equal(merged.at(-1)!.end, 1);
  });

  it('explains a run without a trace', () => {
    const run = buildRun({ label: 'x.py', trace: undefined, output: 'boom', timeoutSeconds: 10, problem: 'python3 could not be started (ENOENT).' });
    assert.deepEqual([run.notes, run.failed, run.lanes.length], [['python3 could not be started (ENOENT).'], true, 0]);
  });
});

describe('timeline: words and text', () => {
  it('formats durations the way the comparison reads', () => {
    assert.deepEqual([3, 1.04, 0.45, 0.045, 0.0002, 0.000015].map(formatSeconds), ['3.0 s', '1.0 s', '0.45 s', '45 ms', '0.2 ms', '15 µs']);
  });

  it('describes each kind of wait', () => {
    const tasks = new Map([[2, task(2, 1, 0, [[0, 1]], { coroutine: 'fetch_user' })]]);
    const at = { file: null, line: null, in: null };
    assert.equal(describeWait({ kind: 'sleep', due: 1.5, ...at }, 1, tasks), 'asyncio.sleep(0.5)');
    assert.equal(describeWait({ kind: 'task', task: 2, ...at }, 0, tasks), 'the task fetch_user');
    assert.equal(describeWait({ kind: 'gather', tasks: [2, 3, 4], ...at }, 0, tasks), 'asyncio.gather of 3 tasks');
    assert.equal(describeWait({ kind: 'lock', what: 'Semaphore.acquire', ...at }, 0, tasks), 'Semaphore.acquire()');
    assert.equal(describeWait({ kind: 'io', what: 'StreamReader.read', ...at }, 0, tasks), 'I/O (StreamReader.read)');
  });

  it('draws a run as text rows for the terminal', () => {
    const run = buildRun({ label: 'main.py', trace: trace([task(1, null, 0, [[0, 0.01], [0.99, 1]]), task(2, 1, 0, [[0, 0.01], [0.49, 0.5]])]), output: '', timeoutSeconds: 10 });
    const lines = textTimeline(run, 20);
    assert.equal(lines[0], 'main.py: 1.0 s, 2 tasks, no stalls; the program exited normally, exit code 0');
    assert.equal(lines[2], `${'co1'.padEnd(28)} █··················█  returned`);
    assert.equal(lines[3], `${'  co2'.padEnd(28)} █········█            returned`);
  });

  it('projects the trace onto exactly the documented --json keys', () => {
    const json = cliTrace(trace([task(1, null, 0, [[0, 1]])], { stalls: [{ start: 0, end: 0.3, task: 1, file: '/p/main.py', line: 3, code: 'x' }] }));
    assert.deepEqual(Object.keys(json), ['total', 'tasks', 'stalls']);
    assert.deepEqual(Object.keys(json.tasks[0]!), ['id', 'name', 'parent', 'coroutine', 'file', 'line', 'start', 'end', 'outcome', 'steps']);
    assert.deepEqual(json.stalls, [{ start: 0, end: 0.3, file: '/p/main.py', line: 3 }]);
  });
});

describe('timeline: the editor side of the code', () => {
  it('finds the asyncio.run calls that start a program, however asyncio is imported, not those inside async def', async () => {
    const parser = await testParser();
    const src = 'import asyncio as aio\nfrom asyncio import run\nasync def main():\n    aio.run(x())\ndef cli():\n    run(main())\nif __name__ == "__main__":\n    aio.run(main())\n';
    const tree = parser.parse(src);
    try {
      assert.deepEqual(entryPointCalls(tree.rootNode).map((r) => r.start.line), [5, 7]);
    } finally {
      tree.delete();
    }
  });

  it('applies the ACO101 fix of examples/sequential.py to a copy: the three awaits become one gather', async () => {
    const source = readFileSync(path.join(repoRoot(), 'examples', 'sequential.py'), 'utf8');
    const fixed = sourceWithSequentialAwaitsFix(await testParser(), source);
    assert.ok(fixed);
    assert.match(fixed.text, /user, orders, picks = await asyncio\.gather\(\s*fetch_user\(user_id\),\s*fetch_orders\(user_id\),\s*fetch_recommendations\(user_id\),?\s*\)/);
    assert.equal(fixed.line, source.split('\n').findIndex((l) => l.includes('user = await fetch_user(user_id)')));
    assert.equal(sourceWithSequentialAwaitsFix(await testParser(), 'import asyncio\n'), undefined);
  });

  it('validates timeline messages both ways and drops malformed ones', () => {
    assert.deepEqual(parseTimelineToExtension({ type: 'openSource', run: 1, file: '/p/a.py', line: 3 }), { type: 'openSource', run: 1, file: '/p/a.py', line: 3 });
    for (const bad of [{ type: 'openSource', run: 5, file: 'a', line: 1 }, { type: 'openSource', run: 0, file: '', line: 1 }, { type: 'openSource', run: 0, file: 'a', line: 0 }, { type: 'eval' }, 'ready', null]) {
      assert.equal(parseTimelineToExtension(bad), undefined, JSON.stringify(bad));
    }
    const run = buildRun({ label: 'main.py', trace: trace([task(1, null, 0, [[0, 1]])]), output: 'hi', timeoutSeconds: 10 });
    const view = buildTimeline('main.py', [run]);
    assert.deepEqual(parseTimelineToWebview(JSON.parse(JSON.stringify({ type: 'show', view }))), { type: 'show', view });
    assert.equal(parseTimelineToWebview({ type: 'show', view: { ...view, runs: [] } }), undefined);
    assert.equal(parseTimelineToWebview({ type: 'show', view: { ...view, runs: [{ ...run, lanes: [{ ...run.lanes[0], segments: [{ kind: 'exploding', start: 0, end: 1, text: '' }] }] }] } }), undefined);
  });
});
