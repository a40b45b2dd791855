import * as vscode from 'vscode';
import { ALL_RULES, isRuleCode } from '../analysis/rules';
import { COMMANDS } from './commandIds';
import { describeError } from './logger';
import type { CoachClient } from './languageClient';
import type { RuleDocs } from './ruleDocs';

/** Registers the linter's commands. One function per command, ids from commandIds.ts. */
export function registerCommands(client: CoachClient, docs: RuleDocs, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.analyzeFile, () => analyzeActiveFile(client)),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMANDS.showRuleDocs, (code: unknown) => showRuleDocs(docs, code)),
    vscode.commands.registerCommand(COMMANDS.studyRule, (code: unknown) => studyRule(docs, code, log)),
    vscode.commands.registerCommand(COMMANDS.fixAllInFile, () => fixAllInActiveFile(client)),
    vscode.commands.registerCommand(COMMANDS.restartServer, () => restartServer(client, log)),
  ];
}

/** Asks the server to analyse the active file now; answers with its problem count. */
async function analyzeActiveFile(client: CoachClient): Promise<number | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'python') {
    void vscode.window.showInformationMessage('Async Coach: open a Python file to analyse it.');
    return undefined;
  }
  const n = await client.analyze(editor.document);
  vscode.window.setStatusBarMessage(`Async Coach: ${n === 0 ? 'no problems' : `${n} problem${n === 1 ? '' : 's'}`} in ${vscode.workspace.asRelativePath(editor.document.uri)}`, 5000);
  return n;
}

async function pickRule(code: unknown): Promise<string | undefined> {
  if (typeof code === 'string' && isRuleCode(code)) return code;
  const picked = await vscode.window.showQuickPick(
    ALL_RULES.map((r) => ({ label: r.meta.code, description: r.meta.name })),
    { placeHolder: 'Which rule?' },
  );
  return picked?.label;
}

async function showRuleDocs(docs: RuleDocs, code: unknown): Promise<void> {
  const rule = await pickRule(code);
  if (rule && isRuleCode(rule)) await docs.open(rule);
}

/** Opens the rule's flashcard in the player; its docs page when the card cannot be shown. */
async function studyRule(docs: RuleDocs, code: unknown, log: vscode.LogOutputChannel): Promise<void> {
  const rule = await pickRule(code);
  if (!rule || !isRuleCode(rule)) return;
  const cardId = docs.meta(rule)?.cardId;
  if (cardId) {
    try {
      // The player answers with the card's key, or undefined when no deck has that card.
      if (await vscode.commands.executeCommand<string | undefined>(COMMANDS.studyCard, cardId)) return;
    } catch (err) {
      log.warn(`Could not open flashcard ${cardId}: ${String(err)}`);
    }
    log.info(`Flashcard ${cardId} is not available; showing the ${rule} docs instead`);
  }
  await docs.open(rule);
}

/** Applies the server's fix-all action (the primary safe fix of every finding) to the active file. */
async function fixAllInActiveFile(client: CoachClient): Promise<number> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'python') return 0;
  const { edit, applied } = await client.fixAll(editor.document);
  if (applied === 0) {
    vscode.window.setStatusBarMessage('Async Coach: nothing to fix automatically', 4000);
    return 0;
  }
  await vscode.workspace.applyEdit(edit);
  return applied;
}

/** "Async Coach: Restart Server": a new server process, for when the old one misbehaves or gave up after crashing. */
async function restartServer(client: CoachClient, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await client.restart();
    vscode.window.setStatusBarMessage('Async Coach: server restarted', 4000);
  } catch (err) {
    log.error(`Could not restart the Async Coach server: ${describeError(err)}`);
    const choice = await vscode.window.showErrorMessage('Async Coach could not restart its language server. See the "Async Coach" output for details.', 'Show Log');
    if (choice) log.show();
  }
}
