import * as vscode from 'vscode';
import { CoachDiagnostic, toTextEdit } from './convert';

/** Offers each Async Coach diagnostic's fixes as quick fixes. */
export class FixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (!(diagnostic instanceof CoachDiagnostic)) continue;
      for (const fix of diagnostic.finding.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.isPreferred ?? false;
        const edit = new vscode.WorkspaceEdit();
        edit.set(document.uri, fix.edits.map(toTextEdit));
        action.edit = edit;
        actions.push(action);
      }
    }
    return actions;
  }
}
