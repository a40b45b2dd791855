import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseTraceArgs, runTraceCommand } from '../../../src/cli/trace';
import { UsageError } from '../../../src/cli/args';
import { repoRoot } from '../helpers';
import { TRACER_PYTHON, tracerPythonVersion } from '../timeline/traceRun';

/** Runs `async-coach trace ARGS` in `cwd` with captured output, against the repository's tracer. */
async function trace(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runTraceCommand(['--python', TRACER_PYTHON, ...argv], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, packageRoot: repoRoot() });
  return { code, stdout, stderr };
}

const PROGRAM = 'import asyncio\n\nasync def job(n):\n    await asyncio.sleep(0.05)\n    return n\n\nasync def main():\n    print("hello from the program")\n    await asyncio.gather(job(1), job(2))\n\nasyncio.run(main())\n';

describe('async-coach trace', function () {
  this.timeout(180_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-cli-trace-'));
    writeFileSync(path.join(dir, 'prog.py'), PROGRAM);
    writeFileSync(path.join(dir, 'fails.py'), 'import asyncio\nasync def main():\n    raise RuntimeError("nope")\nasyncio.run(main())\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('parses its options and rejects bad ones with a usage message', () => {
    assert.deepEqual(parseTraceArgs(['a.py', '--json', '--timeout', '2.5', '--', '-x']), { file: 'a.py', json: true, timeoutSeconds: 2.5, args: ['-x'] });
    assert.equal(parseTraceArgs(['--help']), undefined);
    assert.throws(() => parseTraceArgs(['a.py', '--timeout', '0']), UsageError);
    assert.throws(() => parseTraceArgs(['a.py', 'b.py']), /one file/);
    assert.throws(() => parseTraceArgs([]), /no file given/);
  });

  it('--json prints exactly {total, tasks, stalls} on stdout, and the program\'s output on stderr', async function () {
    if (!tracerPythonVersion()) this.skip();
    const run = await trace(dir, 'prog.py', '--json');
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { total: number; tasks: { coroutine: string; parent: number | null; steps: number[][] }[]; stalls: unknown[] };
    assert.deepEqual(Object.keys(json), ['total', 'tasks', 'stalls']);
    assert.deepEqual(json.tasks.map((t) => [t.coroutine, t.parent]), [['main', null], ['job', 1], ['job', 1]]);
    assert.ok(json.tasks.every((t) => t.steps.every(([s, e]) => e! >= s! && e! <= json.total)));
    assert.match(run.stderr, /hello from the program/);
  });

  it('prints the program\'s output, then the timeline as text; a failing program exits 1, a missing file 2', async function () {
    if (!tracerPythonVersion()) this.skip();
    const ok = await trace(dir, 'prog.py');
    assert.match(ok.stdout, /^hello from the program\n/);
    assert.match(ok.stdout, /prog\.py: .*, 3 tasks, no stalls; the program exited normally/);
    assert.match(ok.stdout, /\n {2}job {2,}/);
    const failing = await trace(dir, 'fails.py');
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /ended with RuntimeError: nope/);
    const missing = await trace(dir, 'nope.py');
    assert.deepEqual([missing.code, missing.stderr], [2, 'async-coach: nope.py: no such file\n']);
  });
});
