import { writeFileSync } from 'node:fs';
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

  // 2. The 10k-line file: full analysis on open, then one-character edits.
  const big = vscode.Uri.joinPath(folder(), 'big.py');
  start = performance.now();
  const firstBig = nextDiagnostics(big, start, (d) => d.length > 0);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(big));
  const bigOpenMs = await firstBig;
  const lines = editor.document.lineCount;

  const editLatencies: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    // Type one character into a comment line spread over the file: valid Python after every edit.
    const line = Math.floor(((i + 0.5) / EDITS) * (lines - 1));
    const text = editor.document.lineAt(line).text;
    const target = text.trimStart().startsWith('#') ? line : findCommentLine(editor.document, line);
    const end = editor.document.lineAt(target).range.end;
    const t0 = performance.now();
    const updated = nextDiagnostics(big, t0);
    await editor.edit((b) => b.insert(end, 'x'), { undoStopBefore: false, undoStopAfter: false });
    editLatencies.push(await updated);
  }
  editLatencies.sort((a, b) => a - b);
  const result = {
    extensionWasActiveBefore: wasActive,
    openToFirstDiagnosticsMs,
    bigFileLines: lines,
    bigFileOpenToDiagnosticsMs: bigOpenMs,
    edits: EDITS,
    editToDiagnosticsP50Ms: percentile(editLatencies, 50),
    editToDiagnosticsP95Ms: percentile(editLatencies, 95),
    editToDiagnosticsMaxMs: editLatencies[editLatencies.length - 1],
    extensionHostRssMb: process.memoryUsage().rss / 1024 / 1024,
  };
  if (out) writeFileSync(out, JSON.stringify(result, null, 2));
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

function findCommentLine(doc: vscode.TextDocument, from: number): number {
  for (let l = from; l < doc.lineCount; l++) if (doc.lineAt(l).text.trimStart().startsWith('#')) return l;
  for (let l = from; l >= 0; l--) if (doc.lineAt(l).text.trimStart().startsWith('#')) return l;
  throw new Error('the benchmark file has no comment line to type into');
}
