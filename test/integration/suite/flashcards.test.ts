import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, flashcardSnapshot as snapshot, workspaceFile } from '../helpers';

async function writeFile(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

async function remove(uri: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }).then(undefined, () => undefined);
}

describe('flashcards in a real extension host', () => {
  const decksDir = (): vscode.Uri => workspaceFile('.async-coach', 'decks');

  before(activateExtension);
  after(async () => {
    await remove(workspaceFile('.async-coach'));
    await remove(workspaceFile('challenge.py'));
    await remove(workspaceFile('exported.anki.txt'));
  });
  afterEach(closeAllEditors);

  it('"Study Flashcards" opens the player view, whose page completes the ready handshake', async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('asyncCoach.studyFlashcards'), true);
    const { ready, state } = await snapshot();
    assert.equal(ready, true, 'the webview said ready');
    assert.ok(state.card, 'a card is on screen');
    assert.ok(state.totalCards >= 30);
    assert.deepEqual(state.deckProblems, []);
  });

  it('studyCard opens the player on the card asked for, also from the linter\'s Study this', async () => {
    const key = await vscode.commands.executeCommand<string | undefined>('asyncCoach.studyCard', 'seed-03-entry-point');
    assert.equal(key, 'async-coach-core/seed-03-entry-point');
    let { state } = await snapshot();
    assert.equal(state.card?.key, key);
    assert.equal(state.card?.kind, 'pinned');
    assert.equal(state.card?.front, 'What is the entry point for an asyncio program?');

    await vscode.commands.executeCommand('asyncCoach.studyCard', 'rule-aco101-sequential-awaits');
    ({ state } = await snapshot());
    assert.equal(state.card?.key, 'async-coach-core/rule-aco101-sequential-awaits');

    await vscode.commands.executeCommand('asyncCoach.studyRule', 'ACO302');
    ({ state } = await snapshot());
    assert.equal(state.card?.key, 'async-coach-core/seed-03-entry-point', 'the editor\'s Study this action lands on the rule\'s card');

    assert.equal(await vscode.commands.executeCommand('asyncCoach.studyCard', 'no-such-card'), undefined);
  });

  it('keeps progress in globalState: a fresh controller (as after a window reload) sees the answers', async () => {
    const before = (await snapshot()).state;
    const key = before.card?.key;
    assert.ok(key);
    assert.equal(await vscode.commands.executeCommand('asyncCoach.flashcards.answer', 1), true, 'answered Again');
    const after = (await snapshot()).state;
    assert.notEqual(after.card?.key, key, 'the next card is up');
    assert.equal(after.canUndo, true);

    await vscode.commands.executeCommand('asyncCoach.flashcards.reload');
    const reloaded = (await snapshot()).state;
    assert.deepEqual(reloaded.counts, after.counts, 'the same counts after reading progress back from globalState');
    assert.ok(reloaded.counts.learning >= 1, 'the card answered Again is in learning');
    assert.equal(reloaded.canUndo, false, 'undo is per session');
    assert.deepEqual(reloaded.session.answers, [0, 0, 0, 0]);
  });

  it('exports the deck for Anki and imports it back as a workspace deck', async () => {
    const target = workspaceFile('exported.anki.txt');
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('asyncCoach.exportAnkiDeck', target);
    assert.equal(written?.toString(), target.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.ok(text.startsWith('#separator:Tab\n#html:false\n'));
    const total = (await snapshot()).state.totalCards;

    const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('asyncCoach.importAnkiDeck', target);
    assert.ok(saved && saved.path.endsWith('/.async-coach/decks/imported-python-asyncio.json'), String(saved));
    assert.equal((await snapshot()).state.totalCards, total * 2);
    await remove(saved);
    await vscode.commands.executeCommand('asyncCoach.flashcards.reload');
    assert.equal((await snapshot()).state.totalCards, total);
  });

  it('loads own decks from .async-coach/decks and lists the problems of a bad one in the view', async () => {
    const before = (await snapshot()).state.totalCards;
    await writeFile(vscode.Uri.joinPath(decksDir(), 'mine.json'), JSON.stringify({ formatVersion: 1, id: 'mine', name: 'Mine', cards: [{ id: 'one', front: '<b>Q</b>?', back: 'A', difficulty: 'easy' }] }));
    await writeFile(vscode.Uri.joinPath(decksDir(), 'broken.json'), JSON.stringify({ formatVersion: 1, id: 'broken', name: 'Broken', cards: [{ id: 'x', front: '', back: 'A', difficulty: 'brutal' }] }));
    await writeFile(vscode.Uri.joinPath(decksDir(), 'notjson.json'), '{ "cards": [');
    await vscode.commands.executeCommand('asyncCoach.flashcards.reload');
    const { state } = await snapshot();
    assert.equal(state.totalCards, before + 1);
    const problems = state.deckProblems.map((p) => `${p.source.split('/').pop() ?? ''} ${p.path}: ${p.message}`);
    assert.ok(problems.some((p) => p.startsWith('broken.json cards[0].front:')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('broken.json cards[0].difficulty:')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('notjson.json :') && p.includes('not valid JSON')), problems.join('\n'));
    assert.equal(await vscode.commands.executeCommand('asyncCoach.studyCard', 'mine/one'), 'mine/one');
    assert.equal((await snapshot()).state.card?.front, '<b>Q</b>?');
  });

  it('follows its settings: the daily new-card limit and extra deck paths', async () => {
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('asyncCoach');
    try {
      await config().update('flashcards.newCardsPerDay', 0, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('asyncCoach.flashcards.reload');
      assert.equal((await snapshot()).state.counts.new, 0);

      const before = (await snapshot()).state.totalCards;
      await writeFile(workspaceFile('more-decks', 'extra.json'), JSON.stringify({ formatVersion: 1, id: 'extra', name: 'Extra', cards: [{ id: 'e1', front: 'Q?', back: 'A', difficulty: 'hard' }, { id: 'e2', front: 'Q2?', back: 'A2', difficulty: 'easy' }] }));
      await config().update('flashcards.deckPaths', ['more-decks'], vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('asyncCoach.flashcards.reload');
      assert.equal((await snapshot()).state.totalCards, before + 2);
    } finally {
      await config().update('flashcards.newCardsPerDay', undefined, vscode.ConfigurationTarget.Global);
      await config().update('flashcards.deckPaths', undefined, vscode.ConfigurationTarget.Workspace);
      await remove(workspaceFile('more-decks'));
      await vscode.commands.executeCommand('asyncCoach.flashcards.reload');
    }
    assert.ok((await snapshot()).state.counts.new > 0, 'the default limit is back');
  });

  it('scaffolds challenge.py and checks it with the analysis engine, running it when complete', async function () {
    const created = await vscode.commands.executeCommand<vscode.Uri>('asyncCoach.challenge.create');
    assert.equal(created.toString(), workspaceFile('challenge.py').toString());
    const first = await vscode.commands.executeCommand<{ report: { steps: { done: boolean }[] } }>('asyncCoach.challenge.check');
    assert.deepEqual(first.report.steps.map((s) => s.done), [false, false, false, false, false]);

    const solution = [
      'import asyncio, time',
      'class Timer:',
      '    async def __aenter__(self):',
      '        self.start = time.perf_counter()',
      '    async def __aexit__(self, *exc):',
      '        print(f"elapsed {time.perf_counter() - self.start:.2f}s")',
      'async def fetch_user(user_id):',
      '    await asyncio.sleep(0.05)',
      '    return {"id": user_id}',
      'async def limited(sem, i):',
      '    async with sem:',
      '        return await fetch_user(i)',
      'async def main():',
      '    sem = asyncio.Semaphore(3)',
      '    async with Timer():',
      '        await asyncio.gather(*(limited(sem, i) for i in range(10)))',
      'asyncio.run(main())',
      '',
    ].join('\n');
    // Type the solution into the open editor, as the learner would (the check reads the editor's text).
    const editor = await vscode.window.showTextDocument(created);
    const all = new vscode.Range(0, 0, editor.document.lineCount, 0);
    assert.ok(await editor.edit((b) => b.replace(all, solution)));
    assert.equal(editor.document.getText(), solution);
    const second = await vscode.commands.executeCommand<{ report: { steps: { done: boolean }[] }; run?: { exitCode: number | null; output: string } }>('asyncCoach.challenge.check');
    assert.deepEqual(second.report.steps.map((s) => s.done), [true, true, true, true, true]);
    assert.ok(second.run, 'python3 is on these machines, so the file ran');
    assert.equal(second.run.exitCode, 0, second.run.output);
    assert.match(second.run.output, /elapsed \d+\.\d\ds/);
  });
});
