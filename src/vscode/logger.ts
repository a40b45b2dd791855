import * as vscode from 'vscode';

/**
 * The extension's log ("Async Coach" in the Output panel). Errors go here, never to the user as a
 * stack trace; the user sees at most a short notification that points to this log.
 */
export function createLogger(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Async Coach', { log: true });
}

export function describeError(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
