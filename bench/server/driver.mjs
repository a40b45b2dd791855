// @ts-check
// Drives a language server process over stdio like an editor would, and measures it: a 10k-line
// file opened (open to first diagnostics), one-character edits each awaited until their diagnostics
// are published (edit to diagnostics), pings answered by the protocol thread alone throughout (how
// long a request waits while the server analyses), the protocol thread's event-loop delay (from the
// server), and the server's memory. Figures only.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import lsp from 'vscode-languageserver-protocol/node';
import { parseJson } from '../../scripts/lib/json.mjs';

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = lsp;

/** @param {number[]} xs @param {number} p @returns {number} */
const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
/** @param {number} n */
const round = (n) => Math.round(n * 10) / 10;

/**
 * Peak and current resident memory of a process, in MB (Linux /proc).
 * @param {number | undefined} pid
 * @returns {{ rss: number, peak: number }}
 */
function memoryMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    /** @param {string} key */
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

/**
 * What one server run measured.
 * @typedef {{ openMs: number, editP50: number, editP95: number, pingP50: number, pingMax: number, lagP99: number, lagMax: number, rssMb: number, peakMb: number }} ServerFigures
 */

/**
 * @param {{ command: string, args: string[], file: string, edits: number }} options
 * @returns {Promise<ServerFigures>}
 */
export async function measureServer({ command, args, file, edits }) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'async-coach-bench-server-'));
  const lagFile = path.join(tmp, 'lag.json');
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ASYNC_COACH_LAG_OUT: lagFile } });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  /** @type {Map<number, (p: unknown) => void>} */
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (/** @type {{ version: number }} */ p) => {
    const w = waiting.get(p.version);
    if (w) {
      waiting.delete(p.version);
      w(p);
    }
  });
  connection.onRequest('workspace/configuration', (/** @type {{ items: unknown[] }} */ p) => p.items.map(() => ({ debounceMs: 0 })));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const dir = path.dirname(file);
  const uri = pathToFileURL(file).href;
  const rootUri = pathToFileURL(dir).href;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: { workspace: { configuration: true } }, initializationOptions: { asyncCoach: { debounceMs: 0 } } });
  await connection.sendNotification('initialized', {});
  await new Promise((resolve) => setTimeout(resolve, 1000));
  child.kill('SIGUSR2');

  // Pings: a request the protocol thread answers by itself (an unknown command), every 20 ms.
  /** @type {number[]} */
  const pings = [];
  let pinging = true;
  const ping = async () => {
    while (pinging) {
      const sent = performance.now();
      await connection.sendRequest('workspace/executeCommand', { command: 'bench.ping', arguments: [] });
      pings.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const pinger = ping();

  /** @param {number} version */
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
  const text = readFileSync(file, 'utf8');
  const opened = performance.now();
  const first = published(1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await first;
  const openMs = performance.now() - opened;

  /** @type {number[]} */
  const editMs = [];
  let version = 1;
  /** @param {{ start: { line: number, character: number }, end: { line: number, character: number } }} range @param {string} newText */
  const change = async (range, newText) => {
    version++;
    const done = published(version);
    const sent = performance.now();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: newText }] });
    await done;
    editMs.push(performance.now() - sent);
  };
  /** @param {number} line @param {number} character */
  const at = (line, character) => ({ line, character });
  await change({ start: at(0, 0), end: at(0, 0) }, '# typing here\n');
  editMs.length = 0;
  for (let i = 0; i < edits; i++) {
    const column = '# typing here'.length + i;
    await change({ start: at(0, column), end: at(0, column) }, 'x');
  }
  pinging = false;
  await pinger;
  const memory = memoryMb(child.pid);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  await exited;
  connection.dispose();
  /** @type {{ p99: number, max: number }} */
  const lag = parseJson(readFileSync(lagFile, 'utf8'));
  rmSync(tmp, { recursive: true, force: true });
  return {
    openMs: round(openMs),
    editP50: round(percentile(editMs, 50)),
    editP95: round(percentile(editMs, 95)),
    pingP50: round(percentile(pings, 50)),
    pingMax: round(Math.max(...pings)),
    lagP99: lag.p99,
    lagMax: lag.max,
    rssMb: memory.rss,
    peakMb: memory.peak,
  };
}
