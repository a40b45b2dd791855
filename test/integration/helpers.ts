import { appendFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ViewState } from '../../src/shared/protocol';

export const EXTENSION_ID = 'async-coach.async-coach';

/**
 * How long a test waits for something the editor does on its own (diagnostics, activation). A
 * hang guard, not a speed check: an answer takes well under a second on a quiet machine, and
 * tens of seconds when other test runs share its two cores.
 */
export const WAIT_MS = 120_000;

/** A test's own limit: several waits in a row, each far longer on a loaded machine than on a quiet one. */
export const TEST_TIMEOUT_MS = 5 * 60_000;

/** The copy of test/integration/workspace this run opened (tests may edit its files). */
export function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration host opened no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export async function openPython(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(doc);
}

/**
 * An untitled Python document with the given text, shown in an editor. VS Code reuses the name of
 * a closed untitled document (`Untitled-1`), and while the backup of a closed one is still being
 * discarded it may hand back that old text: fail with that explanation rather than test the wrong file.
 */
export async function openUntitledPython(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
  if (doc.getText() !== content) {
    throw new Error(`${doc.uri.toString()} opened with ${doc.getText().length} characters of another document, not the ${content.length} asked for: use openNewPythonFile for large texts`);
  }
  return vscode.window.showTextDocument(doc);
}

/** A diagnostic's rule code (`ACO101`), from its `{ value, target }` code. */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : undefined;
}

/** The rule whose docs page the diagnostic's code links to (a command that shows the page rendered). */
export function docsOf(d: vscode.Diagnostic): string | undefined {
  if (typeof d.code !== 'object' || d.code.target.scheme !== 'command' || d.code.target.path !== 'asyncCoach.showRuleDocs') return undefined;
  return (JSON.parse(decodeURIComponent(d.code.target.query)) as string[])[0];
}

/** The diagnostics of one rule, in line order. */
export function ofRule(ds: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic[] {
  return ds.filter((d) => codeOf(d) === code).sort((a, b) => a.range.start.line - b.range.start.line);
}

/** The quick fixes VS Code's own code action API offers at a range. */
export function quickFixes(uri: vscode.Uri, range: vscode.Range): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
}

let newFiles = 0;

/** Writes `content` to a new file of its own in the workspace copy and shows it: no name is ever reused. */
export async function openNewPythonFile(stem: string, content: string): Promise<vscode.TextEditor> {
  const uri = workspaceFile('generated-by-tests', `${stem}_${++newFiles}.py`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

/** Polls `condition` (for state no event reports, such as activation) until it holds or {@link WAIT_MS} passes. */
export async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Async Coach's diagnostics of a document. */
export function coachDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Async Coach');
}

/**
 * Waits until `predicate` holds for the document's Async Coach diagnostics, driven by VS Code's
 * own change event (no fixed sleeps); rejects after {@link WAIT_MS} with what was last seen.
 */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = coachDiagnostics(uri);
      if (predicate(current)) {
        cleanup();
        resolve(current);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`diagnostics of ${path.basename(uri.path)} did not match within ${WAIT_MS / 1000} s; last seen: ${JSON.stringify(coachDiagnostics(uri).map((d) => `${String((d.code as { value: string } | undefined)?.value)}@${d.range.start.line}`))}`));
    }, WAIT_MS);
    const cleanup = (): void => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

/** Makes sure the extension is active (activation is lazy: onLanguage:python). */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in the test host`);
  await ext.activate();
  return ext;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Adds a line to the suite's report (the runner prints it): figures a test measured, for the record. */
export function reportFigure(line: string): void {
  const file = process.env.ASYNC_COACH_TEST_REPORT;
  if (file) appendFileSync(file, `      [figure] ${line}\n`);
}

/** The flashcard player's state as the view got it, and where progress is kept (a command kept for tests). */
export interface FlashcardSnapshot {
  ready: boolean;
  state: ViewState;
  progressFile: string;
}

export async function flashcardSnapshot(): Promise<FlashcardSnapshot> {
  const snap = await vscode.commands.executeCommand<FlashcardSnapshot | undefined>('asyncCoach.flashcards.snapshot');
  assert.ok(snap, 'the flashcard controller answered');
  return snap;
}
