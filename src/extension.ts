import * as vscode from 'vscode';
import { loadPythonParser } from './analysis/parser';
import { registerCommands } from './vscode/commands';
import { openWalkthroughOnFirstRun } from './vscode/firstRun';
import { registerFlashcards } from './vscode/flashcards/register';
import { CoachLanguageStatus } from './vscode/languageStatus';
import { CoachClient } from './vscode/languageClient';
import { createLogger, describeError } from './vscode/logger';
import { RuleDocs } from './vscode/ruleDocs';
import { registerTimeline } from './vscode/timeline/register';
import { registerSettingsCheck } from './vscode/settingsCheck';
import { VERSION } from './version';

/**
 * Wires the adapters together. The linter runs in the bundled language server (its own process),
 * so typing never waits for an analysis; what stays here is VS Code-only: commands, the status
 * item, flashcards, the walkthrough and the timeline.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = createLogger();
  context.subscriptions.push(log);
  log.info(`Async Coach ${VERSION} activating`);
  const docs = new RuleDocs(context.extensionUri);
  const client = new CoachClient(context.extensionUri, log);
  stopServer = () => client.dispose();
  context.subscriptions.push(docs, client, ...registerCommands(client, docs, log), registerSettingsCheck(log), new CoachLanguageStatus(client));
  try {
    await client.start();
  } catch (err) {
    log.error(`The Async Coach language server could not start: ${describeError(err)}`);
    void vscode.window.showErrorMessage('Async Coach could not start its language server, so Python files are not checked. See the "Async Coach" output for details.', 'Show Log').then((choice) => {
      if (choice) log.show();
    });
  }
  try {
    // The flashcards' challenge check and the timeline's compare-with-fix parse here, on demand.
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    const parser = await loadPythonParser({
      runtime: vscode.Uri.joinPath(dist, 'web-tree-sitter.wasm').fsPath,
      python: vscode.Uri.joinPath(dist, 'tree-sitter-python.wasm').fsPath,
    });
    registerFlashcards(context, parser, log);
    registerTimeline(context, parser, client, docs, log);
    void openWalkthroughOnFirstRun(context, log);
    log.info('Async Coach ready');
  } catch (err) {
    log.error(`Activation failed: ${describeError(err)}`);
    void vscode.window.showErrorMessage('Async Coach could not start its Python parser. See the "Async Coach" output for details.', 'Show Log').then((choice) => {
      if (choice) log.show();
    });
  }
}

/** Set while active: stops the language server (VS Code waits for it on deactivation, not for disposables). */
let stopServer: (() => Promise<void>) | undefined;

export function deactivate(): Promise<void> | undefined {
  return stopServer?.();
}
