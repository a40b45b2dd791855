import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkChallenge, type ChallengeReport } from '../../../src/flashcards/challenge';
import { sourceWithSequentialAwaitsFix } from '../../../src/timeline/fixedCopy';
import { repoRoot, testParser } from '../helpers';

const SOLUTION = `import asyncio
import time


class Timer:
    async def __aenter__(self):
        self.start = time.perf_counter()
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print(f"elapsed: {time.perf_counter() - self.start:.2f}s")


async def fetch_user(user_id):
    await asyncio.sleep(1)
    return {"id": user_id, "name": f"user{user_id}"}


async def fetch_limited(sem, user_id):
    async with sem:
        return await fetch_user(user_id)


async def main():
    sem = asyncio.Semaphore(3)
    async with Timer():
        users = await asyncio.gather(*(fetch_limited(sem, i) for i in range(10)))
    print(len(users), "users")


if __name__ == "__main__":
    asyncio.run(main())
`;

async function check(source: string): Promise<ChallengeReport> {
  return checkChallenge(await testParser(), source);
}

function done(report: ChallengeReport): string[] {
  return report.steps.filter((s) => s.done).map((s) => s.id);
}

describe('challenge checker', () => {
  it('finds no step done in the scaffolded challenge.py', async () => {
    const template = readFileSync(path.join(repoRoot(), 'media', 'walkthrough', 'challenge.py'), 'utf8');
    const report = await check(template);
    assert.deepEqual(done(report), []);
    assert.equal(report.syntaxErrors, 0);
    assert.ok(report.steps.every((s) => s.detail.length > 0));
  });

  it('scaffolds a file that opens with 4-space indentation and names the course video', () => {
    const template = readFileSync(path.join(repoRoot(), 'media', 'walkthrough', 'challenge.py'), 'utf8');
    // VS Code guesses the indentation from the changes between lines: one odd step makes it guess 3.
    const odd = template.split('\n').filter((line) => (line.length - line.trimStart().length) % 4 !== 0);
    assert.deepEqual(odd, []);
    const deck = JSON.parse(readFileSync(path.join(repoRoot(), 'media', 'decks', 'async-coach-core.json'), 'utf8')) as { video: { title: string } };
    assert.ok(template.replace(/\s+/g, ' ').includes(`08:38 to 09:13 in the course video "${deck.video.title}"`), 'the template names the video the deck plays');
  });

  it('ships the lesson\'s one-after-another example with one ACO101 run to compare with its fix', async () => {
    const example = readFileSync(path.join(repoRoot(), 'media', 'timeline', 'examples', 'one_after_another.py'), 'utf8');
    const fixed = sourceWithSequentialAwaitsFix(await testParser(), example);
    assert.ok(fixed);
    assert.match(fixed.text, /first, second, third = await asyncio\.gather\(\s*fetch_user\(1\),\s*fetch_user\(2\),\s*fetch_user\(3\),?\s*\)/);
  });

  it('finds all five steps in a complete solution, with no linter findings', async () => {
    const report = await check(SOLUTION);
    assert.deepEqual(done(report), ['fetchUser', 'gather', 'semaphore', 'timer', 'main']);
    assert.deepEqual(report.findings, []);
  });

  it('accepts other spellings: aliases, a list comprehension, range(1, 11), a named list of tasks', async () => {
    const source = SOLUTION.replace('import asyncio\n', 'import asyncio as aio\n')
      .replaceAll('asyncio.', 'aio.')
      .replace('users = await aio.gather(*(fetch_limited(sem, i) for i in range(10)))', 'coros = [fetch_limited(sem, i) for i in range(1, 11)]\n        users = await aio.gather(*coros)');
    assert.deepEqual(done(await check(source)), ['fetchUser', 'gather', 'semaphore', 'timer', 'main']);
  });

  it('does not accept a sync fetch_user or one without asyncio.sleep', async () => {
    const sync = await check(SOLUTION.replace('async def fetch_user', 'def fetch_user'));
    assert.ok(!done(sync).includes('fetchUser'));
    assert.match(sync.steps[0]?.detail ?? '', /async def/);
    const blocking = await check(SOLUTION.replace('await asyncio.sleep(1)', 'time.sleep(1)'));
    assert.ok(!done(blocking).includes('fetchUser'));
  });

  it('counts the gathered fetches: nine is not ten', async () => {
    const report = await check(SOLUTION.replace('range(10)', 'range(9)'));
    assert.ok(!done(report).includes('gather'));
    assert.match(report.steps[1]?.detail ?? '', /10/);
  });

  it('rejects a semaphore created per call, which limits nothing (the ACO303 mistake)', async () => {
    const perCall = SOLUTION.replace('async def fetch_user(user_id):\n    await asyncio.sleep(1)', 'async def fetch_user(user_id):\n    sem = asyncio.Semaphore(3)\n    async with sem:\n        await asyncio.sleep(1)');
    const report = await check(perCall.replace('    sem = asyncio.Semaphore(3)\n    async with Timer', '    sem = asyncio.Semaphore(2)\n    async with Timer'));
    assert.ok(!done(report).includes('semaphore'));
    assert.match(report.steps[2]?.detail ?? '', /inside `fetch_user`/);
    const inline = await check(SOLUTION.replace('async with sem:', 'async with asyncio.Semaphore(3):'));
    assert.ok(!done(inline).includes('semaphore'));
  });

  it('wants Timer to be an async context manager that prints on exit', async () => {
    assert.ok(!done(await check(SOLUTION.replace('async def __aexit__', 'def __aexit__'))).includes('timer'));
    assert.ok(!done(await check(SOLUTION.replace('print(f"elapsed', 'str(f"elapsed'))).includes('timer'));
  });

  it('wants asyncio.run(main()) at top level; asyncio.run inside a coroutine is reported by the linter too', async () => {
    const nested = SOLUTION.replace('if __name__ == "__main__":\n    asyncio.run(main())\n', 'async def start():\n    asyncio.run(main())\n');
    const report = await check(nested);
    assert.ok(!done(report).includes('main'));
    assert.ok(report.findings.some((f) => f.code === 'ACO302'));
  });

  it('never throws on broken input', async () => {
    for (const source of ['', 'async def (', 'class Timer:\n  async def __aenter__(self', '\u0000\u0001']) {
      const report = await check(source);
      assert.equal(report.steps.length, 5);
    }
  });
});
