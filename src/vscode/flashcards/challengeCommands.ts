import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { PythonParser } from '../../analysis/parser';
import { checkChallenge, CHALLENGE_STEPS, type ChallengeReport } from '../../flashcards/challenge';
import { COMMANDS } from '../commandIds';

export const CHALLENGE_FILE = 'challenge.py';
/** `asyncCoach.challenge.<step>` context keys: the walkthrough's `onContext:` completion events. */
export const challengeContextKey = (step: string): string => `asyncCoach.challenge.${step}`;
const RUN_TIMEOUT_MS = 30_000;
const MAX_OUTPUT = 64 * 1024;

export interface ChallengeRun {
  exitCode: number | null;
  seconds: number;
  output: string;
  timedOut: boolean;
}

/** Writes the starter `challenge.py` (or opens the existing one; it never overwrites work). */
export async function createChallenge(extensionUri: vscode.Uri): Promise<vscode.Uri> {
  const template = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'walkthrough', CHALLENGE_FILE));
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: new TextDecoder().decode(template) });
    await vscode.window.showTextDocument(doc);
    return doc.uri;
  }
  const target = vscode.Uri.joinPath(folder.uri, CHALLENGE_FILE);
  try {
    await vscode.workspace.fs.stat(target);
  } catch {
    await vscode.workspace.fs.writeFile(target, template);
  }
  await vscode.window.showTextDocument(target);
  return target;
}

/**
 * Checks the learner's challenge with the analysis engine, sets one context key per finished
 * step, and, when every step is there and python3 exists in a trusted workspace, runs the file
 * and reports the time. Results go to the "Async Coach Challenge" output.
 */
export async function checkChallengeCommand(parser: PythonParser, out: vscode.OutputChannel): Promise<{ report: ChallengeReport; run?: ChallengeRun } | undefined> {
  const doc = await challengeDocument();
  if (!doc) {
    const choice = await vscode.window.showInformationMessage('Async Coach: there is no challenge.py yet.', 'Create challenge.py');
    if (choice) await vscode.commands.executeCommand(COMMANDS.createChallenge);
    return undefined;
  }
  const report = checkChallenge(parser, doc.getText());
  for (const step of report.steps) await vscode.commands.executeCommand('setContext', challengeContextKey(step.id), step.done);
  const done = report.steps.filter((s) => s.done).length;
  out.clear();
  out.appendLine(`Async Coach challenge: ${vscode.workspace.asRelativePath(doc.uri)}, ${done} of ${CHALLENGE_STEPS.length} steps done`);
  report.steps.forEach((s, i) => out.appendLine(`${s.done ? '✔' : '✘'} ${i + 1}. ${s.title}\n     ${s.detail}`));
  if (report.syntaxErrors > 0) out.appendLine(`\n${report.syntaxErrors} syntax error(s): fix them first (the editor underlines them).`);
  for (const f of report.findings) out.appendLine(`! line ${f.range.start.line + 1}: ${f.code} ${f.message}`);

  let run: ChallengeRun | undefined;
  if (done === CHALLENGE_STEPS.length && report.syntaxErrors === 0) run = await runIfPossible(doc, out);
  out.show(true);
  const summary = run
    ? `all ${done} steps done. It ran in ${run.seconds.toFixed(2)} s${run.exitCode === 0 ? '' : ` (exit code ${String(run.exitCode)})`}.`
    : `${done} of ${CHALLENGE_STEPS.length} steps done.`;
  void vscode.window.showInformationMessage(`Async Coach challenge: ${summary}`);
  return run ? { report, run } : { report };
}

async function challengeDocument(): Promise<vscode.TextDocument | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'python' && active.uri.path.endsWith(`/${CHALLENGE_FILE}`)) return active;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith(`/${CHALLENGE_FILE}`));
  if (open) return open;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) {
    try {
      return await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, CHALLENGE_FILE));
    } catch {
      // Not there.
    }
  }
  return active?.languageId === 'python' ? active : undefined;
}

async function runIfPossible(doc: vscode.TextDocument, out: vscode.OutputChannel): Promise<ChallengeRun | undefined> {
  if (!vscode.workspace.isTrusted) {
    out.appendLine('\nNot running the file: this workspace is not trusted.');
    return undefined;
  }
  if (doc.uri.scheme !== 'file') {
    out.appendLine('\nSave the file to disk to run it.');
    return undefined;
  }
  if (doc.isDirty) await doc.save();
  const python = await findPython();
  if (!python) {
    out.appendLine('\npython3 was not found on PATH, so the file was not run.');
    return undefined;
  }
  out.appendLine(`\n$ ${python} ${vscode.workspace.asRelativePath(doc.uri)}`);
  const run = await runPython(python, doc.uri.fsPath);
  out.append(run.output);
  out.appendLine(run.timedOut ? `\nStopped after ${RUN_TIMEOUT_MS / 1000} s.` : `\nFinished in ${run.seconds.toFixed(2)} s (exit code ${String(run.exitCode)}).`);
  out.appendLine('With a 1-second fetch_user: ten one after another take 10 s, gathered about 1 s, three at a time about 4 s.');
  return run;
}

function findPython(): Promise<string | undefined> {
  const candidates = process.platform === 'win32' ? ['python', 'py'] : ['python3', 'python'];
  return candidates.reduce<Promise<string | undefined>>(
    (found, exe) => found.then((f) => f ?? new Promise((resolve) => execFile(exe, ['--version'], { timeout: 5_000 }, (err) => resolve(err ? undefined : exe)))),
    Promise.resolve(undefined),
  );
}

function runPython(python: string, file: string): Promise<ChallengeRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      python,
      [file],
      { cwd: vscode.Uri.joinPath(vscode.Uri.file(file), '..').fsPath, timeout: RUN_TIMEOUT_MS, maxBuffer: MAX_OUTPUT, env: { ...process.env, PYTHONUNBUFFERED: '1' } },
      (err, stdout, stderr) => {
        const seconds = (performance.now() - started) / 1000;
        const code = err && typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : err ? null : 0;
        resolve({ exitCode: code, seconds, output: `${stdout}${stderr}`, timedOut: err?.killed === true });
      },
    );
  });
}
