import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import type { DiagnosticsController } from './diagnostics';

/** Registers the commands of the foundation: analyse the active file, show the log. */
export function registerCommands(diagnostics: DiagnosticsController, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.analyzeFile, (): number | undefined => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'python') {
        void vscode.window.showInformationMessage('Async Coach: open a Python file to analyse it.');
        return undefined;
      }
      const findings = diagnostics.analyze(editor.document);
      const n = findings.length;
      vscode.window.setStatusBarMessage(`Async Coach: ${n === 0 ? 'no problems' : `${n} problem${n === 1 ? '' : 's'}`} in ${vscode.workspace.asRelativePath(editor.document.uri)}`, 5000);
      return n;
    }),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
  ];
}
