import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, coachDiagnostics, codeOf, EXTENSION_ID, openPython, openUntitledPython, waitForDiagnostics, waitUntil, workspaceFile } from '../helpers';

describe('foundation: the ACO302 slice in a real extension host', () => {
  afterEach(closeAllEditors);

  it('activates when a Python file opens', async () => {
    await openPython('clean.py');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension is installed');
    // onLanguage:python activation: wait for it rather than forcing it.
    await waitUntil(() => ext.isActive, 'activation');
    assert.equal(ext.isActive, true);
  });

  it('shows ACO302 with source, severity, docs link and related information', async () => {
    await activateExtension();
    const editor = await openPython('nested.py');
    const [d] = await waitForDiagnostics(editor.document.uri, (ds) => ds.length === 1);
    assert.ok(d);
    assert.equal(d.source, 'Async Coach');
    assert.equal(codeOf(d), 'ACO302');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 9);
    const target = typeof d.code === 'object' ? d.code.target : undefined;
    assert.equal(target?.scheme, 'command', `docs target: ${String(target)}`);
    assert.equal(target.path, 'asyncCoach.showRuleDocs');
    assert.deepEqual(JSON.parse(decodeURIComponent(target.query)), ['ACO302']);
    assert.equal(d.relatedInformation?.[0]?.message, 'load already runs on the event loop');
  });

  it('the rule code opens the docs page rendered and read-only, not the installed markdown file in an editor', async () => {
    await activateExtension();
    const editor = await openPython('nested.py');
    const [d] = await waitForDiagnostics(editor.document.uri, (ds) => ds.length === 1);
    const target = typeof d?.code === 'object' ? d.code.target : undefined;
    assert.ok(target);
    // What the Problems panel and the hover do with the link: run the command with its arguments.
    await vscode.commands.executeCommand(target.path, ...(JSON.parse(decodeURIComponent(target.query)) as unknown[]));
    const preview = (): vscode.TabInputWebview | undefined => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputWebview && /markdown\.preview/.test(input.viewType) ? input : undefined;
    };
    await waitUntil(() => preview() !== undefined, 'the rendered docs page');
    assert.match(vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '', /ACO302/);
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.path.endsWith('.md')), 'no markdown source open in an editor');
  });

  it('updates after an edit and clears when the bug is fixed by hand', async () => {
    await activateExtension();
    const editor = await openUntitledPython('import asyncio\n\nasync def a():\n    return 1\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (ds) => ds.length === 0);
    await editor.edit((b) => b.insert(new vscode.Position(4, 0), '\nasync def b():\n    return asyncio.run(a())\n'));
    const [added] = await waitForDiagnostics(uri, (ds) => ds.length === 1);
    assert.equal(added?.range.start.line, 6);
    const line = editor.document.lineAt(6);
    const start = line.text.indexOf('asyncio.run(a())');
    await editor.edit((b) => b.replace(new vscode.Range(6, start, 6, start + 'asyncio.run(a())'.length), 'await a()'));
    await waitForDiagnostics(uri, (ds) => ds.length === 0);
  });

  it('applies the quick fix through the real code action API', async () => {
    await activateExtension();
    const editor = await openUntitledPython('import asyncio\n\nasync def a():\n    return 1\n\nasync def b():\n    return asyncio.run(a())\n');
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, (ds) => ds.length === 1);
    assert.ok(d);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Replace with `await a()`');
    assert.ok(fix?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(6).text, '    return await a()');
    await waitForDiagnostics(uri, (ds) => ds.length === 0);
  });

  it('inserts the aio-run snippet', async () => {
    await activateExtension();
    const editor = await openUntitledPython('');
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'python', name: 'asyncio: run a program' });
    const text = editor.document.getText();
    assert.match(text, /^import asyncio\n\n\nasync def main\(\) -> None:\n/);
    assert.match(text, /if __name__ == "__main__":\n\s+asyncio\.run\(main\(\)\)/);
    assert.deepEqual(coachDiagnostics(editor.document.uri), []);
  });

  it('runs "Analyze Current File" and returns the finding count of the active file', async () => {
    await activateExtension();
    await openPython('nested.py');
    const count = await vscode.commands.executeCommand<number>('asyncCoach.analyzeFile');
    assert.equal(count, 1);
    await openPython('clean.py');
    assert.equal(await vscode.commands.executeCommand<number>('asyncCoach.analyzeFile'), 0);
  });

  it('contributes every command it registers, and registers every contributed one', async () => {
    const ext = await activateExtension();
    const manifest = ext.packageJSON as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of manifest.contributes.commands) assert.ok(registered.has(command), `${command} is contributed but not registered`);
    assert.ok(workspaceFile('nested.py'));
  });
});
