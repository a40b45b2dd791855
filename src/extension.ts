import * as vscode from 'vscode';
import { loadPythonParser } from './analysis/parser';
import { CoachCodeActions } from './vscode/codeActions';
import { registerCommands } from './vscode/commands';
import { DiagnosticsController } from './vscode/diagnostics';
import { openWalkthroughOnFirstRun } from './vscode/firstRun';
import { registerFlashcards } from './vscode/flashcards/register';
import { CoachHover } from './vscode/hover';
import { CoachLanguageStatus } from './vscode/languageStatus';
import { createLogger, describeError } from './vscode/logger';
import { RuleDocs } from './vscode/ruleDocs';
import { registerTimeline } from './vscode/timeline/register';
import { registerSettingsCheck } from './vscode/settingsCheck';
import { WorkspaceIndexer } from './vscode/workspaceIndexer';
import { VERSION } from './version';

/** Wires the adapters together; all the logic lives in `src/analysis` and `src/vscode`. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = createLogger();
  context.subscriptions.push(log);
  log.info(`Async Coach ${VERSION} activating`);
  try {
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    const parser = await loadPythonParser({
      runtime: vscode.Uri.joinPath(dist, 'web-tree-sitter.wasm').fsPath,
      python: vscode.Uri.joinPath(dist, 'tree-sitter-python.wasm').fsPath,
    });
    const docs = new RuleDocs(context.extensionUri);
    const indexer = new WorkspaceIndexer(parser, log);
    const diagnostics = new DiagnosticsController(parser, log, docs, indexer);
    const python: vscode.DocumentSelector = { language: 'python' };
    context.subscriptions.push(
      docs,
      indexer,
      diagnostics,
      vscode.languages.registerCodeActionsProvider(python, new CoachCodeActions(diagnostics, docs), CoachCodeActions.metadata),
      vscode.languages.registerHoverProvider(python, new CoachHover(diagnostics, docs)),
      ...registerCommands(diagnostics, docs, log),
      registerSettingsCheck(log),
    );
    diagnostics.start();
    context.subscriptions.push(new CoachLanguageStatus(diagnostics));
    // Indexing runs in the background; open documents re-lint when it finishes.
    void indexer.start();
    registerFlashcards(context, parser, log);
    registerTimeline(context, parser, diagnostics, docs, log);
    void openWalkthroughOnFirstRun(context, log);
    log.info('Async Coach ready');
  } catch (err) {
    log.error(`Activation failed: ${describeError(err)}`);
    void vscode.window.showErrorMessage('Async Coach could not start its Python parser. See the "Async Coach" output for details.', 'Show Log').then((choice) => {
      if (choice) log.show();
    });
  }
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
