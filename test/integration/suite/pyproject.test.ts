import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, coachDiagnostics, openPython, waitForDiagnostics } from '../helpers';

describe('pyproject.toml in the editor', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('takes severity from [tool.async-coach], and the editor setting wins over it', async () => {
    const editor = await openPython('configured/nested.py');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (ds) => ds.length === 1 && ds[0]?.severity === vscode.DiagnosticSeverity.Warning);
    const config = vscode.workspace.getConfiguration('asyncCoach');
    try {
      await config.update('severity', { ACO302: 'error' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, (ds) => ds.length === 1 && ds[0]?.severity === vscode.DiagnosticSeverity.Error);
    } finally {
      await config.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('skips files matched by its exclude', async () => {
    const editor = await openPython('configured/generated/models.py');
    assert.equal(await vscode.commands.executeCommand<number>('asyncCoach.analyzeFile'), 0);
    assert.deepEqual(coachDiagnostics(editor.document.uri), []);
  });
});
