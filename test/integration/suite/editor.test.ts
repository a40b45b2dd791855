import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openPython, openUntitledPython, quickFixes, waitForDiagnostics } from '../helpers';

const NESTED = 'import asyncio\n\nasync def a():\n    return 1\n\nasync def b():\n    return asyncio.run(a())\n';

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('asyncCoach').update(key, value, vscode.ConfigurationTarget.Workspace);
}

describe('editor: quick-fix menu, fix all, hover and settings', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('offers the actions in the order users know from ESLint', async () => {
    const editor = await openPython('two_nested.py');
    const [d] = await waitForDiagnostics(editor.document.uri, (ds) => ds.length === 2);
    const titles = (await quickFixes(editor.document.uri, d!.range)).map((a) => a.title);
    assert.deepEqual(titles, [
      'Replace with `await fetch(1)`',
      'Fix all ACO302 problems in this file',
      'Disable ACO302 for this line',
      'Disable ACO302 for the entire file',
      'Show documentation for ACO302 nested-asyncio-run',
      'Study this: What is the entry point for an asyncio program?',
    ]);
  });

  it('"Fix all ACO302 problems in this file" fixes every one of them in one edit', async () => {
    const editor = await openPython('two_nested.py');
    const [d] = await waitForDiagnostics(editor.document.uri, (ds) => ds.length === 2);
    const fixAll = (await quickFixes(editor.document.uri, d!.range)).find((a) => a.title.startsWith('Fix all ACO302'));
    assert.ok(fixAll?.edit);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.match(editor.document.getText(), /async def first\(\):\n {4}return await fetch\(1\)\n/);
    assert.match(editor.document.getText(), /async def second\(\):\n {4}return await fetch\(2\)\n/);
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length === 0);
  });

  it('"Disable for this line" and "for the entire file" write the noqa comments', async () => {
    const editor = await openUntitledPython(NESTED);
    const [d] = await waitForDiagnostics(editor.document.uri, (ds) => ds.length === 1);
    const actions = await quickFixes(editor.document.uri, d!.range);
    const line = actions.find((a) => a.title === 'Disable ACO302 for this line');
    assert.ok(line?.edit);
    assert.ok(await vscode.workspace.applyEdit(line.edit));
    assert.equal(editor.document.lineAt(6).text, '    return asyncio.run(a())  # noqa: ACO302');
    await vscode.commands.executeCommand('undo');
    const file = actions.find((a) => a.title === 'Disable ACO302 for the entire file');
    assert.ok(file?.edit);
    assert.ok(await vscode.workspace.applyEdit(file.edit));
    assert.equal(editor.document.lineAt(0).text, '# async-coach: noqa: ACO302');
  });

  it('a "# noqa: ACO302" written by the action silences the finding, and removing it brings it back', async () => {
    const editor = await openUntitledPython(NESTED);
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, (ds) => ds.length === 1);
    const line = (await quickFixes(uri, d!.range)).find((a) => a.title === 'Disable ACO302 for this line');
    assert.ok(await vscode.workspace.applyEdit(line!.edit!));
    await waitForDiagnostics(uri, (ds) => ds.length === 0);
    const text = editor.document.lineAt(6).text;
    await editor.edit((b) => b.delete(new vscode.Range(6, text.indexOf('  # noqa'), 6, text.length)));
    await waitForDiagnostics(uri, (ds) => ds.length === 1);
  });

  it('source.fixAll.asyncCoach applies every preferred fix (the fix-on-save action)', async () => {
    const editor = await openPython('two_nested.py');
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length === 2);
    const range = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, range, 'source.fixAll.asyncCoach');
    assert.equal(actions.length, 1);
    assert.equal(actions[0]?.title, 'Fix all auto-fixable Async Coach problems (2)');
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.doesNotMatch(editor.document.getText(), /asyncio\.run\(fetch/);
  });

  it('the "Fix All Auto-fixable Problems in This File" command applies the same fixes', async () => {
    const editor = await openPython('two_nested.py');
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length === 2);
    assert.equal(await vscode.commands.executeCommand<number>('asyncCoach.fixAllInFile'), 2);
    assert.doesNotMatch(editor.document.getText(), /asyncio\.run\(fetch/);
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length === 0);
    assert.equal(await vscode.commands.executeCommand<number>('asyncCoach.fixAllInFile'), 0);
  });

  it('the hover explains the finding with the run-time effect, a sample and links', async () => {
    const editor = await openUntitledPython(NESTED);
    const [d] = await waitForDiagnostics(editor.document.uri, (ds) => ds.length === 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, d!.range.start.translate(0, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*ACO302 nested-asyncio-run\*\*/);
    assert.match(text, /\*\*At run time:\*\*/);
    assert.match(text, /# Before/);
    assert.match(text, /\[Rule documentation\]\(command:asyncCoach\.showRuleDocs\?/);
  });

  it('re-lints open documents at once when a rule severity changes, and clears them when it is off', async () => {
    const editor = await openUntitledPython(NESTED);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (ds) => ds[0]?.severity === vscode.DiagnosticSeverity.Error);
    try {
      await setSetting('severity', { ACO302: 'warning' });
      await waitForDiagnostics(uri, (ds) => ds.length === 1 && ds[0]?.severity === vscode.DiagnosticSeverity.Warning);
      await setSetting('severity', { ACO302: 'off' });
      await waitForDiagnostics(uri, (ds) => ds.length === 0);
    } finally {
      await setSetting('severity', undefined);
    }
    await waitForDiagnostics(uri, (ds) => ds[0]?.severity === vscode.DiagnosticSeverity.Error);
  });

  it('skips files that match asyncCoach.exclude', async () => {
    try {
      await setSetting('exclude', ['legacy/**']);
      const editor = await openPython('legacy/old_nested.py');
      const n = await vscode.commands.executeCommand<number>('asyncCoach.analyzeFile');
      assert.equal(n, 0);
      assert.deepEqual(vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Async Coach'), []);
    } finally {
      await setSetting('exclude', undefined);
    }
  });

  it('"enable": false clears the diagnostics, and true brings them back', async () => {
    const editor = await openUntitledPython(NESTED);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (ds) => ds.length === 1);
    try {
      await setSetting('enable', false);
      await waitForDiagnostics(uri, (ds) => ds.length === 0);
    } finally {
      await setSetting('enable', undefined);
    }
    await waitForDiagnostics(uri, (ds) => ds.length === 1);
  });
});
