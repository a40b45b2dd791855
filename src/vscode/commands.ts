import * as vscode from 'vscode';
import { isRuleCode } from '../analysis/rules';
import { combineFixes } from '../editing/fixAll';
import { COMMANDS } from './commandIds';
import { toTextEdit } from './convert';
import type { DiagnosticsController } from './diagnostics';
import type { RuleDocs } from './ruleDocs';

/** The flashcard player's command; registered by the flashcard feature when it is present. */
const STUDY_CARD_COMMAND = 'asyncCoach.studyCard';

/** Registers the linter's commands. One function per command, ids from commandIds.ts. */
export function registerCommands(diagnostics: DiagnosticsController, docs: RuleDocs, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.analyzeFile, () => analyzeActiveFile(diagnostics)),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMANDS.showRuleDocs, (code: unknown) => showRuleDocs(docs, code)),
    vscode.commands.registerCommand(COMMANDS.studyRule, (code: unknown) => studyRule(docs, code, log)),
    vscode.commands.registerCommand(COMMANDS.fixAllInFile, () => fixAllInActiveFile(diagnostics)),
  ];
}

function analyzeActiveFile(diagnostics: DiagnosticsController): number | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'python') {
    void vscode.window.showInformationMessage('Async Coach: open a Python file to analyse it.');
    return undefined;
  }
  const n = diagnostics.analyze(editor.document).length;
  vscode.window.setStatusBarMessage(`Async Coach: ${n === 0 ? 'no problems' : `${n} problem${n === 1 ? '' : 's'}`} in ${vscode.workspace.asRelativePath(editor.document.uri)}`, 5000);
  return n;
}

async function pickRule(code: unknown): Promise<string | undefined> {
  if (typeof code === 'string' && isRuleCode(code)) return code;
  return vscode.window.showQuickPick(['ACO101', 'ACO102', 'ACO201', 'ACO202', 'ACO301', 'ACO302', 'ACO303'].filter(isRuleCode), { placeHolder: 'Which rule?' });
}

async function showRuleDocs(docs: RuleDocs, code: unknown): Promise<void> {
  const rule = await pickRule(code);
  if (rule && isRuleCode(rule)) await docs.open(rule);
}

/** Opens the rule's flashcard in the player when both exist; otherwise its docs page. */
async function studyRule(docs: RuleDocs, code: unknown, log: vscode.LogOutputChannel): Promise<void> {
  const rule = await pickRule(code);
  if (!rule || !isRuleCode(rule)) return;
  const cardId = docs.meta(rule)?.cardId;
  if (cardId && (await vscode.commands.getCommands(true)).includes(STUDY_CARD_COMMAND)) {
    try {
      await vscode.commands.executeCommand(STUDY_CARD_COMMAND, cardId);
      return;
    } catch (err) {
      log.warn(`Could not open flashcard ${cardId}: ${String(err)}; showing the docs instead`);
    }
  }
  await docs.open(rule);
}

async function fixAllInActiveFile(diagnostics: DiagnosticsController): Promise<number> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'python') return 0;
  const findings = diagnostics.current(editor.document)?.findings ?? diagnostics.analyze(editor.document);
  const { edits, applied } = combineFixes(findings);
  if (applied === 0) {
    vscode.window.setStatusBarMessage('Async Coach: nothing to fix automatically', 4000);
    return 0;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(editor.document.uri, edits.map(toTextEdit));
  await vscode.workspace.applyEdit(edit);
  return applied;
}
