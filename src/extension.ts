import * as vscode from 'vscode';
import { loadPythonParser } from './analysis/parser';
import { FixProvider } from './vscode/codeActions';
import { registerCommands } from './vscode/commands';
import { DiagnosticsController } from './vscode/diagnostics';
import { createLogger, describeError } from './vscode/logger';
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
    const diagnostics = new DiagnosticsController(parser, log, context.extensionUri);
    context.subscriptions.push(
      diagnostics,
      vscode.languages.registerCodeActionsProvider({ language: 'python' }, new FixProvider(), FixProvider.metadata),
      ...registerCommands(diagnostics, log),
    );
    diagnostics.start();
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
