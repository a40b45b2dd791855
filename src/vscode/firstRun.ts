import * as vscode from 'vscode';
import { readSettings } from './config';

/** Set once the walkthrough has been opened for this user. */
const OPENED_KEY = 'asyncCoach.challengeWalkthroughOpened';
const WALKTHROUGH_ID = 'asyncCoach.challenge';

/**
 * Opens the asyncio challenge walkthrough the first time Async Coach runs for this user, when
 * `asyncCoach.walkthrough.openOnFirstRun` and `workbench.welcomePage.walkthroughs.openOnInstall` allow it (VS Code's own switch for opening a
 * new extension's walkthrough). Help > Welcome shows the editor's own walkthrough; ours is the
 * place to start, so a newcomer lands on it directly.
 */
export async function openWalkthroughOnFirstRun(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<void> {
  if (context.globalState.get<boolean>(OPENED_KEY)) return;
  // Our own switch as well as VS Code's: in a remote window (code-server) the extension host does not
  // always see the user's value of VS Code's, while it always sees its own settings.
  if (!readSettings().openWalkthroughOnFirstRun) return;
  if (!vscode.workspace.getConfiguration('workbench.welcomePage.walkthroughs').get<boolean>('openOnInstall', true)) return;
  await context.globalState.update(OPENED_KEY, true);
  try {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
  } catch (err) {
    log.warn(`Could not open the challenge walkthrough: ${String(err)}`);
  }
}
