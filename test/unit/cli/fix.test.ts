import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixturePath } from '../helpers';
import { check } from './harness';

interface JsonFinding {
  path: string;
  code: string;
  fixes: { applicability: string }[];
}

/** Every fixture file, by relative path, with its text. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of readdirSync(root)) for (const f of readdirSync(path.join(root, rule))) out.set(`${rule}/${f}`, readFileSync(path.join(root, rule, f), 'utf8'));
  return out;
}

describe('async-coach check --fix and --diff on copies of the fixtures', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-fix-'));
    for (const rule of readdirSync(fixturePath()).filter((d) => /^ACO\d+$/.test(d))) cpSync(fixturePath(rule), path.join(dir, rule), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--diff prints the fixes and leaves every file untouched', async () => {
    const before = snapshot(dir);
    const run = await check(dir, '--diff', '.');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^--- a\/ACO202\/positives\.py\n\+\+\+ b\/ACO202\/positives\.py\n@@ -\d+,\d+ \+\d+,\d+ @@/m);
    assert.match(run.stderr.join('\n'), /Would fix \d+ problems in \d+ files \(nothing written\)\./);
    assert.deepEqual(snapshot(dir), before);
  });

  it('--fix applies the safe fixes: a second run finds only findings without a safe fix', async () => {
    const first = JSON.parse((await check(dir, '--format', 'json', '.')).stdout) as JsonFinding[];
    const safe = first.filter((f) => f.fixes.some((x) => x.applicability === 'safe'));
    assert.ok(safe.length > 10, `the fixtures hold safe fixes (${safe.length})`);
    const diff = (await check(dir, '--diff', '.')).stdout;
    const fixed = await check(dir, '--fix', '--show-fixes', '.');
    assert.match(fixed.stdout, /^Fixed \d+ problems:\n- ACO\d+\/\w+\.py:\n {4}\d+ × ACO\d+ \([a-z-]+\)/);
    const second = JSON.parse((await check(dir, '--format', 'json', '.')).stdout) as JsonFinding[];
    assert.deepEqual(second.filter((f) => f.fixes.some((x) => x.applicability === 'safe')).map((f) => `${f.path} ${f.code}`), []);
    assert.equal((await check(dir, '--diff', '.')).stdout, '', 'nothing left for --diff');
    assert.ok(diff.length > 0);
    // The unfixable ones are still reported; only fixed ones went away.
    assert.ok(second.length >= first.length - safe.length);
  });

  it('--fix --unsafe-fixes applies the unsafe rewrites too, and the result still parses', async () => {
    await check(dir, '--fix', '--unsafe-fixes', '.');
    const after = JSON.parse((await check(dir, '--format', 'json', '.')).stdout) as JsonFinding[];
    assert.deepEqual(after.filter((f) => f.code === 'ACO001').map((f) => f.path), [], 'no fix broke a file that parsed');
    assert.ok(after.filter((f) => f.code === 'ACO101').length < 3, 'the sequential awaits were rewritten');
  });
});
