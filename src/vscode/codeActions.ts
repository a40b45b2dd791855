import * as vscode from 'vscode';
import type { Fix, TextEdit } from '../analysis/types';
import { combineVerifiedFixes, fixKeepsSyntax } from '../editing/verifyFix';
import { builtinCards } from '../flashcards/builtinDeck';
import { disableForFileEdit, disableForLineEdit } from '../editing/noqaEdits';
import { studyTitle } from '../editing/studyTitle';
import { CoachDiagnostic, toTextEdit } from './convert';
import { COMMANDS } from './commandIds';
import type { DiagnosticsController, DocumentAnalysis } from './diagnostics';
import type { RuleDocs } from './ruleDocs';

/** `source.fixAll.asyncCoach`, for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('asyncCoach');

/**
 * The quick-fix menu in the order users know from vscode-eslint: the fix(es), fix all of this
 * rule in the file, disable for this line, disable for the file, show the docs, study the card.
 */
export class CoachCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };
  /** Whether each fix keeps the syntax: checked once per analysis (the menu is asked for on every cursor move). */
  private readonly checked = new WeakMap<Fix, boolean>();

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly docs: RuleDocs,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const only = context.only;
    // `source`, `source.fixAll` or our own kind asks for fix-all; anything else but quick fixes gets nothing.
    if (only && (only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(only))) return this.fixAllActions(document);
    if (only && !only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    const analysis = this.diagnostics.current(document);
    const actions: vscode.CodeAction[] = [];
    const seenCodes = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      if (!(diagnostic instanceof CoachDiagnostic)) continue;
      const finding = diagnostic.finding;
      // The engine already puts the preferred fix first (TaskGroup first when the settings ask).
      // A fix is offered only if its result still parses, and only against the text it was made for.
      finding.fixes.filter((fix) => analysis && this.keepsSyntax(analysis, fix)).forEach((fix) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.isPreferred ?? false;
        action.edit = editFor(document.uri, fix.edits);
        actions.push(action);
      });
      // The per-rule actions below are offered once per rule, even with several diagnostics in range.
      if (seenCodes.has(finding.code)) continue;
      seenCodes.add(finding.code);
      // Asked for by name, so the rule's unsafe rewrites (gather, TaskGroup, to_thread) are included.
      const sameRule = (analysis?.findings ?? []).filter((f) => f.code === finding.code && f.fixes.length > 0);
      if (sameRule.length > 1) {
        const { edits } = analysis ? combineVerifiedFixes(this.diagnostics.parser, analysis, sameRule, true) : { edits: [] };
        const action = new vscode.CodeAction(`Fix all ${finding.code} problems in this file`, vscode.CodeActionKind.QuickFix);
        action.edit = editFor(document.uri, edits);
        actions.push(action);
      }
      if (analysis) {
        const lineEdit = disableForLineEdit(analysis.text, analysis.tree, finding.range.start.line, finding.code);
        if (lineEdit) {
          const action = new vscode.CodeAction(`Disable ${finding.code} for this line`, vscode.CodeActionKind.QuickFix);
          action.edit = editFor(document.uri, [lineEdit]);
          actions.push(action);
        }
        const fileEdit = disableForFileEdit(analysis.text, finding.code);
        if (fileEdit) {
          const action = new vscode.CodeAction(`Disable ${finding.code} for the entire file`, vscode.CodeActionKind.QuickFix);
          action.edit = editFor(document.uri, [fileEdit]);
          actions.push(action);
        }
      }
      const docs = new vscode.CodeAction(`Show documentation for ${finding.code} ${finding.name}`, vscode.CodeActionKind.QuickFix);
      docs.command = { title: docs.title, command: COMMANDS.showRuleDocs, arguments: [finding.code] };
      actions.push(docs);
      const cardId = this.docs.meta(finding.code)?.cardId;
      const study = new vscode.CodeAction(studyTitle(finding, builtinCards().find((c) => c.id === cardId)), vscode.CodeActionKind.QuickFix);
      study.command = { title: study.title, command: COMMANDS.studyRule, arguments: [finding.code] };
      actions.push(study);
    }
    return actions;
  }

  private keepsSyntax(analysis: DocumentAnalysis, fix: Fix): boolean {
    let ok = this.checked.get(fix);
    if (ok === undefined) this.checked.set(fix, (ok = fixKeepsSyntax(this.diagnostics.parser, analysis, fix.edits)));
    return ok;
  }

  /** One action applying the primary safe fix of every finding in the file (fix-all and fix-on-save). */
  private fixAllActions(document: vscode.TextDocument): vscode.CodeAction[] {
    const { edit, applied } = fixAllEdit(this.diagnostics, document);
    if (applied === 0) return [];
    const action = new vscode.CodeAction(`Fix all auto-fixable Async Coach problems (${applied})`, FIX_ALL_KIND);
    action.edit = edit;
    return [action];
  }
}

/**
 * One edit applying the primary safe fix of every finding in the document (overlapping ones wait
 * for the next run): behind fix-on-save and the "Fix All Auto-fixable Problems" command. Unsafe
 * fixes stay in the quick-fix menu.
 */
export function fixAllEdit(diagnostics: DiagnosticsController, document: vscode.TextDocument): { edit: vscode.WorkspaceEdit; applied: number } {
  if (!diagnostics.current(document)) diagnostics.analyze(document);
  const analysis = diagnostics.current(document);
  if (!analysis) return { edit: new vscode.WorkspaceEdit(), applied: 0 };
  // Checked by re-parsing: a fix that would break the file is left out (and the others applied).
  const { edits, applied } = combineVerifiedFixes(diagnostics.parser, analysis, analysis.findings);
  return { edit: editFor(document.uri, edits), applied };
}

function editFor(uri: vscode.Uri, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, edits.map(toTextEdit));
  return edit;
}
