import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { parseToWebview } from '../../../src/shared/protocol';
import { activateExtension, flashcardSnapshot as snapshot, reportFigure, workspaceFile } from '../helpers';

const reload = (): Thenable<unknown> => vscode.commands.executeCommand('asyncCoach.flashcards.reload');
/** Puts a value into the extension's globalState, as Settings Sync or a damaged storage would. */
const writeStoredProgress = (raw: unknown): Thenable<unknown> => vscode.commands.executeCommand('asyncCoach.flashcards.writeStoredProgress', raw);
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('asyncCoach');

/** Host memory and CPU around one step, for the figures of issue 17. */
async function measured<T>(label: string, step: () => Thenable<T> | Promise<T>): Promise<{ result: T; rssGrowthMb: number }> {
  const rss0 = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const result = await step();
  const cpu = process.cpuUsage(cpu0);
  const rssGrowthMb = Math.round((process.memoryUsage().rss - rss0) / 1024 / 1024);
  reportFigure(`${label}: host CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms, RSS growth ${rssGrowthMb} MB`);
  return { result, rssGrowthMb };
}

function backupsOf(progressFile: string): string[] {
  const dir = path.join(path.dirname(progressFile), 'progress-backups');
  return existsSync(dir) ? readdirSync(dir).map((name) => readFileSync(path.join(dir, name), 'utf8')) : [];
}

describe('flashcards against hostile settings, decks and stored progress (issue 17)', () => {
  const hostile = (): string => workspaceFile('hostile').fsPath;
  const decks = (): string => workspaceFile('.async-coach', 'decks').fsPath;

  before(async () => {
    await activateExtension();
    mkdirSync(hostile(), { recursive: true });
    mkdirSync(decks(), { recursive: true });
  });
  after(async () => {
    await config().update('flashcards.deckPaths', undefined, vscode.ConfigurationTarget.Workspace);
    rmSync(hostile(), { recursive: true, force: true });
    rmSync(workspaceFile('.async-coach').fsPath, { recursive: true, force: true });
    await reload();
  });

  it('reads only regular files from deckPaths, never past the cap, and repeats none of their content', async function () {
    this.timeout(120_000);
    const fifo = path.join(hostile(), 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    writeFileSync(path.join(hostile(), 'passwd'), 'root:x:0:0:root:/root:/bin/bash\nsecret-canary-7f3a:x:1000:1000::/home/x:/bin/sh\n');
    const { rssGrowthMb } = await measured('deckPaths ["/dev/zero", a FIFO, a passwd file]', async () => {
      await config().update('flashcards.deckPaths', ['/dev/zero', 'hostile/pipe.json', 'hostile/passwd'], vscode.ConfigurationTarget.Workspace);
      await reload();
    });
    const { state } = await snapshot();
    const problems = state.deckProblems.map((p) => `${p.source.split('/').pop() ?? ''}: ${p.message}`);
    assert.ok(problems.includes('zero: is a device; only regular files are read'), problems.join('\n'));
    assert.ok(problems.includes('pipe.json: is a named pipe (FIFO); only regular files are read'), problems.join('\n'));
    assert.ok(problems.includes('passwd: is not valid JSON'), problems.join('\n'));
    assert.doesNotMatch(JSON.stringify(state), /root:x|secret-canary/, 'nothing of the files reaches the view');
    assert.ok(state.card, 'the player still shows its cards');
    assert.ok(rssGrowthMb < 300, `the host grew by ${rssGrowthMb} MB`);
  });

  it('fits a valid 5,000-card deck with 100,000 tags into the view\'s message, with a count of the tags left out', async function () {
    this.timeout(120_000);
    const cards = Array.from({ length: 5_000 }, (_, i) => ({ id: `c${i}`, front: `Q${i}?`, back: 'A', difficulty: 'easy', tags: Array.from({ length: 20 }, (_, j) => `t${i}-${j}`) }));
    writeFileSync(path.join(decks(), 'many-tags.json'), JSON.stringify({ formatVersion: 1, id: 'many-tags', name: 'Many tags', cards }));
    await measured('a 5,000-card deck with 100,000 tags', reload);
    const { state } = await snapshot();
    assert.ok(parseToWebview({ type: 'state', state }), 'the view accepts the state message');
    assert.equal(state.available.tags.length, 500);
    assert.ok(state.available.moreTags >= 100_000 - 500, String(state.available.moreTags));
    rmSync(path.join(decks(), 'many-tags.json'));
  });

  it('keeps the problems of a hostile deck (one card, 600,000 bad tags) short and the view working', async function () {
    this.timeout(120_000);
    const tags = Array.from({ length: 600_000 }, () => '');
    writeFileSync(path.join(decks(), 'hostile.json'), JSON.stringify({ formatVersion: 1, id: 'hostile', name: 'Hostile', cards: [{ id: 'a', front: 'Q', back: 'A', difficulty: 'easy', tags }] }));
    const { rssGrowthMb } = await measured('a deck with one card of 600,000 invalid tags', reload);
    const { state } = await snapshot();
    assert.ok(parseToWebview({ type: 'state', state }), 'the view accepts the state message');
    const mine = state.deckProblems.filter((p) => p.source.endsWith('hostile.json'));
    assert.ok(mine.length >= 1 && mine.length <= 101, `${mine.length} problems listed`);
    assert.ok(mine.some((p) => p.message === 'has 600000 entries; at most 20'), JSON.stringify(mine.slice(0, 3)));
    assert.ok(rssGrowthMb < 300, `the host grew by ${rssGrowthMb} MB`);
    rmSync(path.join(decks(), 'hostile.json'));
  });

  it('repairs a review dated in the future (clock skew) on load, backs it up, and "Study this" works on that card', async () => {
    const key = 'async-coach-core/seed-03-entry-point';
    const future = Date.now() + 3 * 86_400_000;
    const record = { due: future + 86_400_000, stability: 3, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps: 2, lapses: 0, state: 2, lastReview: future };
    await writeStoredProgress({ version: 2, cards: { [key]: record }, reviews: [], days: {} });
    await reload();
    const { state, progressFile } = await snapshot();
    assert.equal(state.notice?.level, 'warning');
    assert.match(state.notice?.text ?? '', /dated in the future/);
    assert.ok(backupsOf(progressFile).some((b) => b.includes(String(future))), 'the original record is in the backups folder');
    assert.equal(await vscode.commands.executeCommand('asyncCoach.studyCard', 'seed-03-entry-point'), key);
    const shown = (await snapshot()).state;
    assert.equal(shown.card?.key, key);
    assert.equal(shown.intervals?.length, 4, 'the scheduler accepts the repaired card');
  });

  it('restores progress lost from globalState (a truncated blob reads as nothing), and keeps a damaged file aside', async () => {
    assert.equal(await vscode.commands.executeCommand('asyncCoach.flashcards.answer', 1), true);
    const studied = (await snapshot()).state.counts;
    await writeStoredProgress(undefined);
    await reload();
    const restored = await snapshot();
    assert.deepEqual(restored.state.counts, studied, 'the answers are back');
    assert.match(restored.state.notice?.text ?? '', /restored from Async Coach's copy on disk/);

    const truncated = readFileSync(restored.progressFile, 'utf8').slice(0, 50);
    writeFileSync(restored.progressFile, truncated);
    await reload();
    const again = await snapshot();
    assert.deepEqual(again.state.counts, studied, 'globalState still had them');
    assert.match(again.state.notice?.text ?? '', /copy of your progress on disk could not be read/);
    assert.ok(backupsOf(again.progressFile).includes(truncated), 'the damaged file is kept as it was');
    assert.notEqual(readFileSync(again.progressFile, 'utf8'), truncated, 'and the file is whole again');
  });

  it('imports the valid cards of an Anki file and leaves out only the bad lines', async () => {
    const lines = ['#separator:tab', '#html:true', '#tags column:3', 'Caf&eacute;?\tIt&#x27;s open&hellip;\tcafé', `Long?\t${'x'.repeat(3_000)}\t`, 'Fine?\tYes\tbad/tag ok', ''];
    const source = path.join(hostile(), 'mixed.txt');
    writeFileSync(source, lines.join('\n'));
    const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('asyncCoach.importAnkiDeck', vscode.Uri.file(source));
    assert.ok(saved, 'a deck was written');
    const deck = JSON.parse(readFileSync(saved.fsPath, 'utf8')) as { cards: { front: string; back: string; tags: string[] }[] };
    assert.deepEqual(deck.cards.map((c) => [c.front, c.back, c.tags]), [
      ['Café?', "It's open…", ['café']],
      ['Fine?', 'Yes', ['ok']],
    ]);
  });
});
