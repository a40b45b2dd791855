import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixturePath } from '../unit/helpers';
import { cliPath, runCli, startCli } from './process';

const DANGLING = 'import asyncio\n\n\nasync def work():\n    pass\n\n\nasync def main():\n    asyncio.create_task(work())\n';
const API = 'import asyncio\n\n\nasync def fetch_user(user_id):\n    await asyncio.sleep(0)\n    return user_id\n';
const SERVICE = 'from .api import fetch_user\n\n\nasync def refresh(user_id):\n    fetch_user(user_id)\n';

/** Every file under `root` with its text. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(root, full), readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return out;
}

describe('the built CLI as a process (dist/cli.js)', () => {
  let dir: string;
  before(() => assert.ok(existsSync(cliPath()), 'dist/cli.js is built (npm run build)'));
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-process-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when clean, 1 with findings, 2 on a usage error or a missing path; --version and --help exit 0', async () => {
    writeFileSync(path.join(dir, 'clean.py'), 'x = 1\n');
    writeFileSync(path.join(dir, 'bug.py'), DANGLING);
    const clean = await runCli(dir, 'check', 'clean.py');
    assert.deepEqual([clean.code, clean.stdout], [0, 'All clear: no problems in 1 file.\n']);
    const bug = await runCli(dir, 'check', 'bug.py');
    assert.equal(bug.code, 1);
    assert.match(bug.stdout, /^bug\.py:9:5: ACO202 \[\*\] /m);
    assert.equal((await runCli(dir, 'check', '--exit-zero', 'bug.py')).code, 0);
    const usage = await runCli(dir, 'check', '--format', 'xml', '.');
    assert.deepEqual([usage.code, usage.stderr], [2, "async-coach: --format must be text, json, sarif or github, not 'xml'\nRun 'async-coach --help' for usage.\n"]);
    assert.equal((await runCli(dir, 'check', 'missing.py')).code, 2);
    const version = await runCli(dir, '--version');
    assert.deepEqual([version.code, version.stdout], [0, `async-coach ${(JSON.parse(readFileSync(path.join(path.dirname(cliPath()), '..', 'package.json'), 'utf8')) as { version: string }).version}\n`]);
    const help = await runCli(dir, 'check', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: async-coach check \[options\] PATHS\.\.\./);
  });

  it('--fix on copies of the fixtures: a second run finds only findings without a safe fix; --diff writes nothing', async () => {
    for (const rule of readdirSync(fixturePath()).filter((d) => /^ACO\d+$/.test(d))) cpSync(fixturePath(rule), path.join(dir, rule), { recursive: true });
    const before = snapshot(dir);
    const diff = await runCli(dir, 'check', '--diff', '.');
    assert.equal(diff.code, 1);
    assert.match(diff.stdout, /^--- a\/ACO\d+\/\w+\.py$/m);
    assert.deepEqual(snapshot(dir), before, '--diff left every file as it was');
    const fixed = await runCli(dir, 'check', '--fix', '.');
    assert.match(fixed.stdout, /^Fixed \d+ problems\. Found \d+ problems/m);
    const second = JSON.parse((await runCli(dir, 'check', '--format', 'json', '.')).stdout) as { code: string; fixes: { applicability: string }[] }[];
    assert.deepEqual(second.filter((f) => f.fixes.some((x) => x.applicability === 'safe')), []);
    assert.ok(second.length > 0, 'the findings without a safe fix are still reported');
  });

  it('gives the same findings on worker threads as in one thread, cross-file ones included', async () => {
    // 40 modules: enough for two workers (16 files each at least).
    for (let i = 0; i < 20; i++) {
      mkdirSync(path.join(dir, `pkg${i}`));
      writeFileSync(path.join(dir, `pkg${i}`, '__init__.py'), '');
      writeFileSync(path.join(dir, `pkg${i}`, 'api.py'), API);
      writeFileSync(path.join(dir, `pkg${i}`, 'service.py'), SERVICE + (i % 2 ? DANGLING : ''));
    }
    const threads = await runCli(dir, 'check', '--format', 'json', '--jobs', '2', '.');
    const single = await runCli(dir, 'check', '--format', 'json', '--jobs', '1', '.');
    assert.equal(threads.code, 1, threads.stderr);
    const keys = (stdout: string) => (JSON.parse(stdout) as { path: string; line: number; code: string }[]).map((f) => `${f.path}:${f.line}:${f.code}`).sort();
    assert.deepEqual(keys(threads.stdout), keys(single.stdout));
    assert.equal(keys(threads.stdout).filter((k) => k.endsWith('ACO201')).length, 20, 'every cross-file call found');
  });

  it('--watch re-checks a changed file, prints a fresh report, and exits 0 on Ctrl+C', async () => {
    writeFileSync(path.join(dir, 'app.py'), 'x = 1\n');
    const watch = startCli(dir, 'check', '--watch', '.');
    try {
      await watch.waitFor(/Watching for changes/);
      assert.match(watch.output(), /All clear: no problems in 1 file\./);
      writeFileSync(path.join(dir, 'app.py'), DANGLING);
      await watch.waitFor(/Watching for changes/, 2);
      assert.match(watch.output(), /Changed: app\.py[\s\S]*app\.py:9:5: ACO202/);
      writeFileSync(path.join(dir, 'app.py'), DANGLING.replace('asyncio.create_task(work())', 'await work()'));
      await watch.waitFor(/Watching for changes/, 3);
      assert.match(watch.output().slice(watch.output().lastIndexOf('Changed:')), /All clear/);
    } finally {
      watch.child.kill('SIGINT');
    }
    const end = await watch.exited;
    assert.deepEqual([end.code, end.signal], [0, null]);
    assert.match(end.stderr, /Stopped watching\./);
  });
});
