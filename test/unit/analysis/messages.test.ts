import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { ALL_RULES } from '../../../src/analysis/rules';
import { MAX_MESSAGE_LENGTH, type Finding } from '../../../src/analysis/types';
import { fixturePath, repoRoot, testParser } from '../helpers';

/**
 * Why a message breaks the house style, or undefined: one sentence that says what is wrong, at
 * most MAX_MESSAGE_LENGTH characters, no final period (Ruff's and pyright's messages are the model).
 */
function styleProblem(message: string): string | undefined {
  if (message.length > MAX_MESSAGE_LENGTH) return `${message.length} characters`;
  if (/\n/.test(message)) return 'a line break';
  // Code in backticks may hold anything; outside it, a full stop followed by more text starts a second sentence.
  const prose = message.replace(/`[^`]*`/g, 'CODE');
  if (/[.!?]\s/.test(prose)) return 'more than one sentence';
  if (/[.!?]$/.test(prose)) return 'a final full stop';
  if (!/^[A-Z`a-z]/.test(message)) return 'an odd first character';
  return undefined;
}

function check(findings: readonly Finding[], where: string): number {
  for (const f of findings) {
    const problem = styleProblem(f.message);
    assert.equal(problem, undefined, `${where}:${f.range.start.line + 1} ${f.code}: ${problem}: "${f.message}"`);
    assert.match(f.detail ?? '', /^\S.*\.$/s, `${where}:${f.range.start.line + 1} ${f.code}: the hover needs a detail in whole sentences`);
  }
  return findings.length;
}

const pythonFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pythonFiles(path.join(dir, e.name)) : e.name.endsWith('.py') ? [path.join(dir, e.name)] : []));

describe('diagnostic messages: one sentence of at most 120 characters that says what is wrong', () => {
  for (const rule of ALL_RULES) {
    it(`every ${rule.meta.code} finding in the fixtures`, async () => {
      const parser = await testParser();
      let seen = 0;
      for (const file of pythonFiles(fixturePath(rule.meta.code))) {
        const source = readFileSync(file, 'utf8');
        // Selected by code, so that an off-by-default rule (ACO304) runs on its own fixtures too.
        const select = new Set([rule.meta.code]);
        for (const options of [{ select }, { select, includeBareAwaits: true, targetVersion: 'py310' }]) {
          seen += check(analyzeSource(parser, source, options).findings.filter((f) => f.code === rule.meta.code), path.relative(repoRoot(), file));
        }
      }
      assert.ok(seen > 0, `no ${rule.meta.code} finding in its fixtures to check`);
    });
  }

  it('every finding in examples/, the files a newcomer opens first', async () => {
    const parser = await testParser();
    let seen = 0;
    for (const file of pythonFiles(path.join(repoRoot(), 'examples'))) seen += check(analyzeSource(parser, readFileSync(file, 'utf8')).findings, path.relative(repoRoot(), file));
    assert.ok(seen >= ALL_RULES.length);
  });

  it('still fits when the code it quotes is long: names give way to a plainer sentence', async () => {
    const parser = await testParser();
    const long = 'x'.repeat(130);
    const source = [
      'import asyncio, time, subprocess',
      `async def fetch_${long}(n): await asyncio.sleep(n)`,
      `async def main_${long}():`,
      `    first_${long} = await fetch_${long}(1)`,
      `    second_${long} = await fetch_${long}(2)`,
      `    out_${long} = []`,
      `    for item_${long} in range(3):`,
      `        out_${long}.append(await fetch_${long}(item_${long}))`,
      `    fetch_${long}(3)`,
      `    task_${long} = asyncio.create_task(fetch_${long}(4))`,
      `    subprocess.run(["sleep", "1"], check=True, capture_output=True, text=True, cwd="/tmp/${long}")`,
      `    asyncio.run(fetch_${long}(5))`,
      `    return first_${long}, second_${long}, out_${long}`,
      `async def limited_${long}():`,
      `    sem_${long} = asyncio.Semaphore(3)`,
      `    async with sem_${long}:`,
      `        await fetch_${long}(6)`,
      '',
    ].join('\n');
    const findings = analyzeSource(parser, source).findings;
    assert.equal(check(findings, 'long names'), findings.length);
    const fired = new Set(findings.map((f) => f.code));
    for (const code of ['ACO101', 'ACO102', 'ACO201', 'ACO202', 'ACO301', 'ACO302', 'ACO303']) assert.ok(fired.has(code as Finding['code']), `${code} did not fire on the long names`);
  });

  it('gives one advice for queue.put() in a plain def, the one examples/unawaited.py gives: put_nowait', async () => {
    const parser = await testParser();
    const example = readFileSync(path.join(repoRoot(), 'examples', 'unawaited.py'), 'utf8');
    const line = example.split('\n').findIndex((l) => l.trim() === 'queue.put(message)');
    const [finding] = analyzeSource(parser, example).findings.filter((f) => f.range.start.line === line);
    assert.ok(finding, 'examples/unawaited.py flags queue.put(message)');
    assert.match(example.split('\n')[line - 1]!, /queue\.put_nowait\(message\)/);
    assert.match(finding.message, /the item never reaches the queue/);
    assert.match(finding.detail!, /`queue\.put_nowait\(item\)` puts the item at once/);
    assert.doesNotMatch(finding.detail!, /asyncio\.run/);
    const get = analyzeSource(parser, 'import asyncio\n\ndef take(q: asyncio.Queue):\n    q.get()\n').findings[0];
    assert.match(get!.detail!, /`q\.get_nowait\(\)` takes an item at once/);
  });
});
