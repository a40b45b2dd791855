import path from 'node:path';
import * as vscode from 'vscode';
import type { PythonParser } from '../../analysis/parser';
import type { TimelineToExtension } from '../../shared/timelineProtocol';
import { sourceWithSequentialAwaitsFix } from '../../timeline/fixedCopy';
import { STALL_RULE } from '../../timeline/layout';
import type { Trace } from '../../timeline/trace';
import { readSettings } from '../config';
import { analyzeOptions } from '../../settings/editorAnalysis';
import type { RuleDocs } from '../ruleDocs';
import type { TimelinePanel } from './timelinePanel';
import { timelineOf, type Program, type RunResult, type TimelineRunner } from './timelineRuns';

/** What "Run and show timeline" answers to its caller (the challenge check, the tests). */
export interface RunSummary {
  /** The event loop's run, as the tracer timed it; undefined without a trace. */
  total?: number;
  /** The whole process, Python's start-up included. */
  processSeconds: number;
  exitCode: number | null;
  timedOut: boolean;
  output: string;
}

/** A program given as text rather than as a workspace file (the challenge's lesson example). */
export interface SourceProgram {
  name: string;
  text: string;
  dir: string;
  /** Why this text is compared, shown above the timelines. */
  why?: string;
}

/**
 * The timeline's commands: run a file and show its timeline, compare a file with its ACO101 fix
 * applied to a temporary copy. They refuse to run anything in an untrusted workspace.
 */
export class TimelineCommands {
  private shown: RunResult[] = [];
  private again: (() => Promise<unknown>) | undefined;

  constructor(
    private readonly parser: PythonParser,
    private readonly runner: TimelineRunner,
    private readonly panel: TimelinePanel,
    private readonly docs: RuleDocs,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** "Run and show timeline" on a Python file (the active one by default). */
  async runAndShow(target?: unknown): Promise<RunSummary | undefined> {
    const doc = await pythonDocument(target);
    if (!doc || !(await trusted())) return undefined;
    this.again = () => this.runAndShow(doc.uri);
    return this.show(programOf(doc), doc.uri);
  }

  /** The timeline of text that is not a workspace file (a built-in example). */
  async runSource(source: SourceProgram): Promise<RunSummary | undefined> {
    if (!(await trusted())) return undefined;
    this.again = () => this.runSource(source);
    return this.show({ name: source.name, dir: source.dir, text: source.text }, undefined);
  }

  private async show(program: Program, scope: vscode.Uri | undefined): Promise<RunSummary | undefined> {
    this.panel.running(`Running ${program.name}`, `Running ${program.name} with the tracer: its timeline shows here when it ends.`);
    const results = await this.runner.run([{ program, label: program.name }], `Async Coach: running ${program.name}`, scope);
    if (!results?.[0]) return this.cancelled(program.name);
    this.present(timelineOf(program.name, results), results);
    return summary(results[0]);
  }

  /** "Compare with the fix": the file as it is, and a temporary copy with the ACO101 fix on `line` (or the first). */
  async compareWithFix(target?: unknown, line?: unknown): Promise<RunSummary[] | undefined> {
    const doc = await pythonDocument(target);
    if (!doc || !(await trusted())) return undefined;
    const program = programOf(doc);
    return this.compare(program, doc.getText(), doc.uri, typeof line === 'number' ? line : undefined);
  }

  /** True when the text has an ACO101 finding whose fix can be compared. */
  hasFixToCompare(text: string, scope?: vscode.Uri): boolean {
    return sourceWithSequentialAwaitsFix(this.parser, text, scope ? analyzeOptions(readSettings(scope)) : {}) !== undefined;
  }

  /** The same comparison for text that is not a workspace file. */
  async compareSource(source: SourceProgram): Promise<RunSummary[] | undefined> {
    if (!(await trusted())) return undefined;
    return this.compare({ name: source.name, dir: source.dir, text: source.text }, source.text, undefined, undefined, source.why);
  }

  private async compare(program: Program, text: string, scope: vscode.Uri | undefined, line: number | undefined, why?: string): Promise<RunSummary[] | undefined> {
    const fixed = sourceWithSequentialAwaitsFix(this.parser, text, scope ? analyzeOptions(readSettings(scope)) : {}, line);
    if (!fixed) {
      void vscode.window.showInformationMessage(`Async Coach: ${program.name} has no ACO101 finding (independent awaits one after another), so there is no fix to compare.`);
      return undefined;
    }
    this.again = () => this.compare(program, text, scope, line, why);
    const after: Program = { name: program.name, dir: program.dir, text: fixed.text };
    this.panel.running(`Comparing ${program.name} with the fix`, `Running ${program.name} as it is, then with the fix, one after the other.`);
    const results = await this.runner.run(
      [
        { program, label: 'As it is' },
        { program: after, label: 'With the fix' },
      ],
      `Async Coach: comparing ${program.name} with the fix`,
      scope,
    );
    if (!results || results.length < 2) return this.cancelled(program.name);
    const applied = `“${fixed.fixTitle}” applied to a temporary copy (the ACO101 finding on line ${fixed.line + 1}); ${program.name} itself is unchanged.`;
    this.present(timelineOf(program.name, results, why ? `${why} ${applied}` : applied), results);
    return results.map(summary);
  }

  /** Messages from the panel. */
  handle(message: TimelineToExtension): void {
    if (message.type === 'openSource') void this.openSource(message.run, message.file, message.line);
    else if (message.type === 'openRuleDocs') void this.docs.open(STALL_RULE);
    else if (message.type === 'rerun') void this.again?.();
  }

  private present(view: ReturnType<typeof timelineOf>, results: RunResult[]): void {
    this.shown = results;
    this.panel.show(view);
    for (const r of results) {
      this.log.info(`Timeline: ${r.view.label}: ${r.view.totalText}, ${r.view.lanes.length} tasks, ${r.view.stalls.length} stalls; the program ${r.view.exitText}`);
    }
  }

  private cancelled(name: string): undefined {
    this.panel.error(`${name} did not run to the end`, 'The run was cancelled. Run it again with the CodeLens above asyncio.run(...) or from the command palette.');
    return undefined;
  }

  /** Opens a line the page asked for, if it is a file of that run's trace (nothing else). */
  private async openSource(run: number, file: string, line: number): Promise<void> {
    const result = this.shown[run];
    if (!result?.trace || !traceFiles(result.trace).has(file)) {
      this.log.warn(`Timeline: refused to open ${file}: not a file of the run on screen`);
      return;
    }
    const uri = result.files.get(file) ?? vscode.Uri.file(file);
    const position = new vscode.Position(Math.max(0, line - 1), 0);
    const shownIn = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.viewColumn;
    await vscode.window.showTextDocument(uri, { viewColumn: shownIn ?? vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  }
}

function summary(result: RunResult): RunSummary {
  return { ...(result.trace ? { total: result.trace.total } : {}), processSeconds: result.processSeconds, exitCode: result.run.exitCode, timedOut: result.run.timedOut, output: result.run.output };
}

/** Every file a trace names: the only ones the page may ask to open. */
function traceFiles(trace: Trace): Set<string> {
  const files = new Set<string>([trace.file]);
  for (const t of trace.tasks) {
    for (const f of [t.file, t.createdFile, ...t.waits.map((w) => w?.file)]) if (f) files.add(f);
  }
  for (const s of trace.stalls) if (s.file) files.add(s.file);
  return files;
}

async function pythonDocument(target: unknown): Promise<vscode.TextDocument | undefined> {
  if (target instanceof vscode.Uri) return vscode.workspace.openTextDocument(target);
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'python') return active;
  void vscode.window.showInformationMessage('Async Coach: open a Python file that calls asyncio.run(...) to see it run.');
  return undefined;
}

/** What runs: the saved file itself, or the editor's text (unsaved changes) from a temporary copy. */
function programOf(doc: vscode.TextDocument): Program {
  const onDisk = doc.uri.scheme === 'file';
  const name = onDisk ? path.basename(doc.uri.fsPath) : `${path.basename(doc.uri.path).replace(/\.py$/, '') || 'untitled'}.py`;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri) ?? vscode.workspace.workspaceFolders?.[0];
  const dir = onDisk ? path.dirname(doc.uri.fsPath) : (folder?.uri.fsPath ?? process.cwd());
  return onDisk && !doc.isDirty ? { name, dir, file: doc.uri.fsPath, uri: doc.uri } : { name, dir, text: doc.getText(), uri: doc.uri };
}

/** Running the learner's program needs a trusted workspace; says so (with the way to trust it) otherwise. */
export async function trusted(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage('Async Coach runs your program only in a trusted workspace: this one is in Restricted Mode.', 'Manage Workspace Trust');
  if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
