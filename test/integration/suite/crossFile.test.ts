import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openPython, waitForDiagnostics, workspaceFile } from '../helpers';

const codes = (ds: vscode.Diagnostic[]): string[] => ds.map((d) => `${String((d.code as { value: string }).value)}@${d.range.start.line}`);

describe('cross-file: the workspace index', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('an edit that makes api.fetch_user async flags the unawaited call in service.py', async () => {
    const service = await openPython('shop/service.py');
    await waitForDiagnostics(service.document.uri, (ds) => ds.length === 0);
    const apiDoc = await vscode.workspace.openTextDocument(workspaceFile('shop', 'api.py'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(apiDoc.uri, new vscode.Position(0, 0), 'async ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const ds = await waitForDiagnostics(service.document.uri, (d) => d.length === 1);
    assert.deepEqual(codes(ds), ['ACO201@5']);
    assert.match(ds[0]!.message, /fetch_user/);
    // Undo in api.py: the finding goes away again.
    const undo = new vscode.WorkspaceEdit();
    undo.delete(apiDoc.uri, new vscode.Range(0, 0, 0, 'async '.length));
    assert.ok(await vscode.workspace.applyEdit(undo));
    await waitForDiagnostics(service.document.uri, (d) => d.length === 0);
    // Leave api.py as it is on disk (not dirty), for the next test.
    await vscode.window.showTextDocument(apiDoc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(apiDoc.isDirty, false);
  });

  it('a change on disk (file watcher) to a module not open in an editor reaches service.py', async () => {
    const service = await openPython('shop/service.py');
    await waitForDiagnostics(service.document.uri, (ds) => ds.length === 0);
    const api = workspaceFile('shop', 'api.py');
    const original = await vscode.workspace.fs.readFile(api);
    try {
      const asyncVersion = new TextDecoder().decode(original).replace('def fetch_orders', 'async def fetch_orders');
      await vscode.workspace.fs.writeFile(api, new TextEncoder().encode(asyncVersion));
      const ds = await waitForDiagnostics(service.document.uri, (d) => d.length === 1);
      assert.deepEqual(codes(ds), ['ACO201@6']);
    } finally {
      await vscode.workspace.fs.writeFile(api, original);
    }
    await waitForDiagnostics(service.document.uri, (d) => d.length === 0);
  });
});
