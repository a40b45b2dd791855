import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { counts, playerFrame } from './player';
import { pollFor, runCommand, screenshotPath, useWorkbench } from './workbench';

describe('UI: the flashcard player in the workbench (code-server, .vsix installed)', function () {
  const workbench = useWorkbench();
  let page: Page;
  beforeEach(() => {
    page = workbench.page();
  });

  it('opens from the command palette in its own activity-bar container and answers from the keyboard', async () => {
    // The container's icon in the activity bar shows the extension's contributions are loaded.
    await page.locator('.activitybar .action-item a[aria-label^="Async Coach"]').waitFor();
    await runCommand(page, 'Async Coach: Study Flashcards');
    const frame = await playerFrame(page);
    const before = await counts(frame);
    assert.ok(before.new > 0, JSON.stringify(before));
    const front = await frame.locator('.front').innerText();
    // Progress is kept by the server, so an earlier check may have left a learning card due first.
    const wasNew = (await frame.locator('.meta .kind').innerText()) === 'New card';
    await frame.locator('article.card').focus();
    await page.keyboard.press('Space');
    await frame.locator('.answer-button').first().waitFor();
    await page.screenshot({ path: screenshotPath('flashcards-workbench-answer.png'), animations: 'disabled' });
    await page.keyboard.press('1');
    await frame.locator('.front', { hasNotText: front }).waitFor();
    const after = await counts(frame);
    assert.equal(after.new, wasNew ? before.new - 1 : before.new);
    assert.equal(after.learning, wasNew ? before.learning + 1 : before.learning, 'Again keeps a card in (or puts it into) learning');
  });

  it('still has the answer after the window reloads (progress in globalState)', async () => {
    const frame = await playerFrame(page);
    const before = await counts(frame);
    // Developer: Reload Window, as a person would: VS Code's own shutdown, then a new window.
    const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.waitForSelector('.monaco-workbench');
    // The sidebar comes back on the flashcards container (VS Code restores the last one shown).
    await page.waitForSelector('.part.sidebar');
    await runCommand(page, 'Async Coach: Study Flashcards');
    const frameAfter = await playerFrame(page);
    assert.deepEqual(await counts(frameAfter), before);
    await page.screenshot({ path: screenshotPath('flashcards-workbench-reloaded.png'), animations: 'disabled' });
  });

  it('walks through the challenge: Create challenge.py, write it, Check My Challenge ticks every step', async function () {
    await runCommand(page, 'Welcome: Open Walkthrough...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'The asyncio challenge' }).first().click();
    const steps = page.locator('.getting-started-step');
    await steps.first().waitFor();
    assert.equal(await steps.count(), 7);
    await page.screenshot({ path: screenshotPath('walkthrough-start.png'), animations: 'disabled' });

    await page.locator('.getting-started-step', { hasText: 'Create challenge.py' }).locator('a.button-link, .button-link, a', { hasText: 'Create challenge.py' }).first().click();
    await page.locator('.tab.active[aria-label*="challenge.py"]').waitFor();
    await page.locator('.monaco-editor .view-lines').first().click();
    // Paste, as a person would: typing line by line would get the editor's auto-indent added.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await page.evaluate((text) => navigator.clipboard.writeText(text), SOLUTION);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    await page.keyboard.press('Control+S');
    await runCommand(page, 'Async Coach: Check My Challenge');
    // The output scrolls to its end: the run's last lines are the ones on screen.
    await page.locator('.panel .monaco-editor', { hasText: 'the whole python3 process' }).first().waitFor({ timeout: 90_000 });
    await page.screenshot({ path: screenshotPath('challenge-checked.png'), animations: 'disabled' });

    await runCommand(page, 'Welcome: Open Walkthrough...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'The asyncio challenge' }).first().click();
    // Each step's check mark is a checkbox VS Code ticks when the step's completion event fires.
    const wanted = ['create', 'fetchUser', 'gather', 'semaphore', 'timer', 'main'];
    const ticked = async (): Promise<string[]> =>
      page.locator('.getting-started-step [data-done-step-id][aria-checked="true"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-done-step-id')?.split('#').pop() ?? ''));
    let done: string[] = [];
    await pollFor(page, 'every step ticked', async () => {
      done = await ticked();
      return wanted.every((id) => done.includes(id)) ? true : undefined;
    }).catch(() => undefined); // the assertion below names the steps that are missing
    for (const id of wanted) assert.ok(done.includes(id), `step ${id} is not ticked (ticked: ${done.join(', ')})`);
    await page.screenshot({ path: screenshotPath('walkthrough-done.png'), animations: 'disabled' });
  });
});

const SOLUTION = [
  'import asyncio',
  'import time',
  '',
  '',
  'class Timer:',
  '    async def __aenter__(self):',
  '        self.start = time.perf_counter()',
  '        return self',
  '',
  '    async def __aexit__(self, exc_type, exc, tb):',
  '        print(f"elapsed: {time.perf_counter() - self.start:.2f}s")',
  '',
  '',
  'async def fetch_user(user_id):',
  '    await asyncio.sleep(0.1)',
  '    return {"id": user_id}',
  '',
  '',
  'async def limited(sem, user_id):',
  '    async with sem:',
  '        return await fetch_user(user_id)',
  '',
  '',
  'async def main():',
  '    sem = asyncio.Semaphore(3)',
  '    async with Timer():',
  '        users = await asyncio.gather(*(limited(sem, i) for i in range(10)))',
  '    print(len(users), "users")',
  '',
  '',
  'asyncio.run(main())',
  '',
].join('\n');
