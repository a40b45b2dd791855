import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RunView, TimelineView } from '../../shared/timelineProtocol';
import { pythonCandidates } from '../../settings/pythonPath';
import { buildRun, buildTimeline } from '../../timeline/layout';
import { readSettings } from '../config';
import { runTracer, TRACER_SCRIPT, type TracerRun } from '../../timeline/runTracer';
import type { Trace } from '../../timeline/trace';

/** A program to run: a file on disk, or text run from a temporary copy beside nothing. */
export interface Program {
  /** The name shown (`sequential.py`). */
  name: string;
  /** The folder it belongs to: its imports resolve there and it runs there. */
  dir: string;
  /** The file on disk, when it is run as it is saved. */
  file?: string;
  /** The text to run from a temporary copy (unsaved changes, a fixed copy, a lesson example). */
  text?: string;
  /** The editor document behind it, for "go to line". */
  uri?: vscode.Uri;
}

/** A finished run: its view, and how its trace's file names map to what the editor opens. */
export interface RunResult {
  view: RunView;
  trace?: Trace;
  /** Trace file path -> the document to open for it (temporary copies map back to the editor's). */
  files: Map<string, vscode.Uri>;
  /** Wall time of the whole process, Python's start-up included. */
  processSeconds: number;
  run: TracerRun;
}

/** Interpreter settings: `asyncCoach.pythonPath` and the time limit of one run. */
export function runSettings(scope?: vscode.Uri): { pythons: string[]; timeoutSeconds: number } {
  const settings = readSettings(scope);
  const folder = scope ? vscode.workspace.getWorkspaceFolder(scope) : vscode.workspace.workspaceFolders?.[0];
  return { pythons: pythonCandidates(settings.pythonPath, folder?.uri.fsPath, os.homedir()), timeoutSeconds: settings.timelineTimeoutSeconds };
}

/**
 * Runs programs under the tracer, one after another, with a cancellable progress notification.
 * Temporary copies live in one folder per call, removed when the next call starts (the panel may
 * still link to them until then) and when the extension stops.
 */
export class TimelineRunner implements vscode.Disposable {
  private scratch: string | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  async run(programs: readonly { program: Program; label: string }[], title: string, scope?: vscode.Uri): Promise<RunResult[] | undefined> {
    this.clearScratch();
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'async-coach-timeline-'));
    this.scratch = scratch;
    const { pythons, timeoutSeconds } = runSettings(scope);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        const results: RunResult[] = [];
        for (const [i, { program, label }] of programs.entries()) {
          if (token.isCancellationRequested) return undefined;
          progress.report({ message: `${label} (${i + 1} of ${programs.length}, up to ${timeoutSeconds} s)` });
          results.push(await this.runOne(program, label, pythons, timeoutSeconds, path.join(scratch, String(i)), abort.signal));
        }
        return token.isCancellationRequested ? undefined : results;
      } finally {
        sub.dispose();
      }
    });
  }

  private async runOne(program: Program, label: string, pythons: string[], timeoutSeconds: number, scratch: string, signal: AbortSignal): Promise<RunResult> {
    let script = program.file;
    const files = new Map<string, vscode.Uri>();
    if (program.text !== undefined || !script) {
      mkdirSync(scratch, { recursive: true });
      const copy = path.join(scratch, program.name);
      writeFileSync(copy, program.text ?? '', { flag: 'w', encoding: 'utf8' });
      script = copy;
      files.set(copy, program.uri ?? vscode.Uri.file(copy));
    }
    const started = performance.now();
    const run = await runTracer({
      pythons,
      tracer: vscode.Uri.joinPath(this.extensionUri, TRACER_SCRIPT).fsPath,
      script,
      cwd: program.dir,
      ...(script !== program.file ? { sysPath: program.dir } : {}),
      timeoutSeconds,
      signal,
    });
    const processSeconds = (performance.now() - started) / 1000;
    const problem = run.problem && run.python === undefined ? `${run.problem} Set asyncCoach.pythonPath to the interpreter to use.` : run.problem;
    const view = buildRun({ label, trace: run.trace, output: run.output, timeoutSeconds, exitCode: run.exitCode, ...(problem ? { problem } : {}) });
    return { view, files, processSeconds, run, ...(run.trace ? { trace: run.trace } : {}) };
  }

  private clearScratch(): void {
    if (this.scratch) rmSync(this.scratch, { recursive: true, force: true });
    this.scratch = undefined;
  }

  dispose(): void {
    this.clearScratch();
  }
}

/** Puts one or two runs in a view. */
export function timelineOf(title: string, results: readonly RunResult[], message?: string): TimelineView {
  return buildTimeline(title, results.map((r) => r.view), message);
}
