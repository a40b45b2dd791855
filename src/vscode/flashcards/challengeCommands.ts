import * as vscode from 'vscode';
import type { PythonParser } from '../../analysis/parser';
import { checkChallenge, CHALLENGE_STEPS, type ChallengeReport } from '../../flashcards/challenge';
import { formatSeconds } from '../../shared/duration';
import { COMMANDS } from '../commandIds';
import type { RunSummary } from '../timeline/timelineCommands';

export const CHALLENGE_FILE = 'challenge.py';
/** `asyncCoach.challenge.<step>` context keys: the walkthrough's `onContext:` completion events. */
export const challengeContextKey = (step: string): string => `asyncCoach.challenge.${step}`;

export interface ChallengeRun {
  exitCode: number | null;
  /** asyncio.run's own duration (the timeline's total), else the whole process's. */
  seconds: number;
  /** The whole process, Python's start-up included. */
  processSeconds: number;
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
 * step, and, when every step is there in a trusted workspace, runs the file under the tracer:
 * its timeline opens beside the code, and the output names each timing it shows.
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
    ? `all ${done} steps done. asyncio.run took ${formatSeconds(run.seconds)} (the whole process ${formatSeconds(run.processSeconds)} with Python's start-up)${run.exitCode === 0 ? '' : `; exit code ${String(run.exitCode)}`}.`
    : `${done} of ${CHALLENGE_STEPS.length} steps done.`;
  void vscode.window.showInformationMessage(`Async Coach challenge: ${summary}`);
  return run ? { report, run } : { report };
}

/** The learner's challenge.py: the active one, an open one, the workspace's, or the active Python file. */
export async function challengeDocument(): Promise<vscode.TextDocument | undefined> {
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
  out.appendLine(`\nRunning ${vscode.workspace.asRelativePath(doc.uri)} with Async Coach's tracer: its timeline opens beside the code.`);
  const run = await vscode.commands.executeCommand<RunSummary | undefined>(COMMANDS.runTimeline, doc.uri);
  if (!run) {
    out.appendLine('The run was cancelled or could not start: the timeline panel says why.');
    return undefined;
  }
  out.append(run.output.endsWith('\n') || run.output === '' ? run.output : `${run.output}\n`);
  out.appendLine('\nTimings:');
  out.appendLine("  Your program's own timer (what it printed above) measures the work inside it.");
  if (run.total !== undefined) out.appendLine(`  ${formatSeconds(run.total)}: asyncio.run from start to end, measured by the tracer (the timeline's total).`);
  const ended = run.timedOut ? 'stopped at the time limit' : `exit code ${String(run.exitCode)}`;
  out.appendLine(`  ${formatSeconds(run.processSeconds)}: the whole python3 process, its start-up included (${ended}).`);
  return { exitCode: run.exitCode, seconds: run.total ?? run.processSeconds, processSeconds: run.processSeconds, output: run.output, timedOut: run.timedOut };
}
