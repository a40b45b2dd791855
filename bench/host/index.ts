import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';

/**
 * Editor benchmark, run inside a real extension host by scripts/bench-editor.mjs (the same way as
 * the integration suite). It measures, from the extension host's side:
 *  - opening a Python file in a fresh host until its first diagnostics (includes activation);
 *  - a 10k-line file: open until diagnostics, then one-character edits until updated diagnostics.
 * It prints nothing and asserts nothing: the figures go to ASYNC_COACH_BENCH_OUT as JSON.
 */
const EDITS = 60;

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('no workspace folder');
  return f.uri;
}

/** Resolves with the time (ms since `since`) when the document's Async Coach diagnostics next change. */
function nextDiagnostics(uri: vscode.Uri, since: number, accept: (d: readonly vscode.Diagnostic[]) => boolean = () => true): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no diagnostics for ${uri.path} within 60 s`));
    }, 60_000);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const mine = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Async Coach');
      if (!accept(mine)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(performance.now() - since);
    });
  });
}

/**
 * Resolves when the document's diagnostics are published again, by polling getDiagnostics() (which
 * reads the extension host's collections directly) for new diagnostic objects. The
 * onDidChangeDiagnostics event would add the host's 50 ms debounce, which no user sees.
 */
function nextPublication(uri: vscode.Uri, since: number): Promise<number> {
  const before = vscode.languages.getDiagnostics(uri)[0];
  return new Promise((resolve, reject) => {
    const deadline = since + 60_000;
    const poll = (): void => {
      const now = vscode.languages.getDiagnostics(uri)[0];
      if (now !== undefined && now !== before) resolve(performance.now() - since);
      else if (performance.now() > deadline) reject(new Error(`no new diagnostics for ${uri.path} within 60 s`));
      else setImmediate(poll);
    };
    poll();
  });
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export async function run(): Promise<void> {
  const out = process.env.ASYNC_COACH_BENCH_OUT;
  try {
    await measure(out);
  } catch (err) {
    // The host's console goes to the browser: leave the reason where the driver looks.
    if (out) writeFileSync(out, JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
    throw err;
  }
}

async function measure(out: string | undefined): Promise<void> {
  const ext = vscode.extensions.getExtension('async-coach.async-coach');
  const wasActive = ext?.isActive ?? false;

  // 1. A fresh host: open a small file and wait for its first diagnostics (activation included).
  const small = vscode.Uri.joinPath(folder(), 'small.py');
  let start = performance.now();
  const firstSmall = nextDiagnostics(small, start, (d) => d.length > 0);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(small));
  const openToFirstDiagnosticsMs = await firstSmall;

  // 2. The 10k-line file: full analysis on open, then one-character edits. The extension host's
  // event-loop delay is recorded meanwhile: what every other extension in this host waits.
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const big = vscode.Uri.joinPath(folder(), 'big.py');
  start = performance.now();
  const firstBig = nextDiagnostics(big, start, (d) => d.length > 0);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(big));
  const bigOpenMs = await firstBig;
  const lines = editor.document.lineCount;

  const editLatencies: number[] = [];
  /** The same edits, timed to the publication of the new diagnostics (no event debounce). */
  const publishLatencies: number[] = [];
  /** Of each latency, the part spent getting the edit applied through the workbench (not ours). */
  const applyLatencies: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    // Type one character into a comment line spread over the file: valid Python after every edit.
    const line = Math.floor(((i + 0.5) / EDITS) * (lines - 1));
    const text = editor.document.lineAt(line).text;
    const target = text.trimStart().startsWith('#') ? line : findCommentLine(editor.document, line);
    const end = editor.document.lineAt(target).range.end;
    const t0 = performance.now();
    const updated = nextDiagnostics(big, t0);
    await editor.edit((b) => b.insert(end, 'x'), { undoStopBefore: false, undoStopAfter: false });
    applyLatencies.push(performance.now() - t0);
    editLatencies.push(await updated);
  }
  for (let i = 0; i < EDITS; i++) {
    const line = findCommentLine(editor.document, Math.floor(((i + 0.25) / EDITS) * (lines - 1)));
    const end = editor.document.lineAt(line).range.end;
    const t0 = performance.now();
    const published = nextPublication(big, t0);
    await editor.edit((b) => b.insert(end, 'y'), { undoStopBefore: false, undoStopAfter: false });
    publishLatencies.push(await published);
  }
  lag.disable();
  const afterApply = editLatencies.map((total, i) => total - (applyLatencies[i] ?? 0)).sort((a, b) => a - b);
  editLatencies.sort((a, b) => a - b);
  applyLatencies.sort((a, b) => a - b);
  publishLatencies.sort((a, b) => a - b);
  const result = {
    extensionWasActiveBefore: wasActive,
    openToFirstDiagnosticsMs,
    bigFileLines: lines,
    bigFileOpenToDiagnosticsMs: bigOpenMs,
    edits: EDITS,
    editToDiagnosticsP50Ms: percentile(editLatencies, 50),
    editToDiagnosticsP95Ms: percentile(editLatencies, 95),
    editToDiagnosticsMaxMs: editLatencies[editLatencies.length - 1],
    editApplyP50Ms: percentile(applyLatencies, 50),
    editApplyP95Ms: percentile(applyLatencies, 95),
    appliedToDiagnosticsP50Ms: percentile(afterApply, 50),
    appliedToDiagnosticsP95Ms: percentile(afterApply, 95),
    editToPublishedP50Ms: percentile(publishLatencies, 50),
    editToPublishedP95Ms: percentile(publishLatencies, 95),
    extensionHostRssMb: process.memoryUsage().rss / 1024 / 1024,
    serverRssMb: serverRssMb(),
    hostLoopDelayP99Ms: lag.percentile(99) / 1e6,
    hostLoopDelayMaxMs: lag.max / 1e6,
  };
  if (out) writeFileSync(out, JSON.stringify(result, null, 2));
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** RSS of the language server the extension started (a child of this host running `cli.js server`), 0 when none is found. */
function serverRssMb(): number {
  try {
    const lines = execFileSync('ps', ['-o', 'rss=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' }).split('\n');
    const kb = lines.filter((l) => /cli\.js server/.test(l)).reduce((sum, l) => sum + Number.parseInt(l.trim(), 10), 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

function findCommentLine(doc: vscode.TextDocument, from: number): number {
  for (let l = from; l < doc.lineCount; l++) if (doc.lineAt(l).text.trimStart().startsWith('#')) return l;
  for (let l = from; l >= 0; l--) if (doc.lineAt(l).text.trimStart().startsWith('#')) return l;
  throw new Error('the benchmark file has no comment line to type into');
}
