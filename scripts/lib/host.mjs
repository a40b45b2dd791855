// @ts-check
// Shared plumbing for the scripts that run VS Code (code-server) here: locating the test host,
// free ports, per-run temp dirs, waiting for HTTP, launching Debian's chromium, and stopping
// process trees so that no run leaves a process or a temp dir behind.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readJson } from './json.mjs';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const HOST_DIR = process.env.ASYNC_COACH_HOST_DIR ?? path.join(ROOT, '.vscode-test-host');
export const CODE_SERVER_DIR = path.join(HOST_DIR, 'node_modules', 'code-server');
export const SERVER_MAIN = path.join(CODE_SERVER_DIR, 'lib', 'vscode', 'out', 'server-main.js');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The extension's name and version (package.json), and where `npm run package` writes its .vsix.
 * @returns {{ name: string, version: string, vsix: string }}
 */
export function packageInfo() {
  /** @type {{ name: string, version: string }} */
  const { name, version } = readJson(path.join(ROOT, 'package.json'));
  return { name, version, vsix: path.join(ROOT, `${name}-${version}.vsix`) };
}

/** How long a code-server or VS Code server may take to answer its first request (a hang guard for a loaded machine). */
export const SERVER_START_LIMIT_MS = 5 * 60_000;

/** Chromium flags that work on these machines: headless, no sandbox as root, no calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

/** Fails with a one-line hint when the test host or the browser is missing. */
export function requireHost() {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`the VS Code test host is not installed (${SERVER_MAIN} missing): run 'npm run host:setup'`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: run 'npm run host:setup' (installs Debian's chromium)`);
  }
}

/** A port nothing listens on right now, picked by the system. @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** Settings that keep a test or demo host quiet: no telemetry, update checks, trust prompts or tours. */
export const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  // VS Code's switch above does not always reach a remote extension host: Async Coach's own.
  'asyncCoach.walkthrough.openOnFirstRun': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'window.commandCenter': false,
};

/**
 * @typedef {{ base: string, userData: string, serverData: string, extensions: string, home: string, workspace: string, cleanup: () => void }} RunDirs
 * @typedef {import('node:child_process').ChildProcessByStdio<null, import('node:stream').Readable, import('node:stream').Readable> & { output: string }} RunningProcess
 *   A started process with the last 20,000 characters of its stdout and stderr.
 */

/**
 * A fresh set of dirs for one run: user data, server data, extensions, HOME and XDG dirs, and a
 * copy of the workspace (tests may edit files). `cleanup()` removes everything.
 * @param {string} label
 * @param {string | undefined} workspaceSource
 * @param {Record<string, unknown>} [settings]
 * @returns {RunDirs}
 */
export function makeRunDirs(label, workspaceSource, settings = {}) {
  const base = mkdtempSync(path.join(os.tmpdir(), `async-coach-${label}-`));
  const dirs = {
    base,
    userData: path.join(base, 'user-data'),
    serverData: path.join(base, 'server-data'),
    extensions: path.join(base, 'extensions'),
    home: path.join(base, 'home'),
    workspace: path.join(base, 'workspace'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  if (workspaceSource) cpSync(workspaceSource, dirs.workspace, { recursive: true });
  const all = JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2);
  // The web client reads user settings from the server's data dir; code-server from its user-data dir.
  for (const dir of [path.join(dirs.userData, 'User'), path.join(dirs.serverData, 'data', 'User'), path.join(dirs.serverData, 'data', 'Machine')]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'settings.json'), all);
  }
  return { ...dirs, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/**
 * The last lines of every extension host log under the run's dirs, for a failed run: a crashed or
 * stuck extension host explains tests that wait in vain, and its log goes with the temp dirs.
 * @param {RunDirs} dirs
 * @param {number} [lines]
 * @returns {string}
 */
export function extensionHostLogs(dirs, lines = 40) {
  /** @type {string[]} */
  const found = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/exthost.*\.log$/i.test(entry.name)) found.push(full);
    }
  };
  for (const dir of [dirs.userData, dirs.serverData]) if (existsSync(dir)) walk(dir);
  if (found.length === 0) return '(no extension host log found)';
  return found.map((file) => `--- ${path.relative(dirs.base, file)} (last ${lines} lines)\n${readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')}`).join('\n');
}

/**
 * Environment for a host process: its own HOME and XDG dirs, so nothing touches the user's.
 * @param {{ home: string }} dirs
 * @param {Record<string, string>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function hostEnv(dirs, extra = {}) {
  return {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    VSCODE_CLI_DISABLE_KEYCHAIN_ENCRYPT: '1',
    ...extra,
  };
}

/**
 * Starts a process in its own process group so that the whole tree can be stopped.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {RunningProcess}
 */
export function startProcess(command, args, options = {}) {
  const child = /** @type {RunningProcess} */ (spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
  child.output = '';
  /** @param {Buffer} chunk */
  const keep = (chunk) => {
    child.output = (child.output + chunk.toString()).slice(-20000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

/**
 * SIGTERM to the process group, then SIGKILL after a grace period.
 * @param {RunningProcess | undefined} child
 * @param {number} [graceMs]
 */
export async function stopProcess(child, graceMs = 3000) {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const pid = child.pid;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
  }
}

/**
 * Resolves once `url` answers 200; rejects after `timeoutMs`, or at once if `child` exits first.
 * @param {string} url
 * @param {number} timeoutMs
 * @param {RunningProcess} [child]
 */
export async function waitForHttp(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before answering:\n${child.output}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Rejects after `ms` with a message naming what took too long; `clear()` disarms it.
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<never> & { clear: () => void }}
 */
export function timeout(ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {Promise<never>} */
  const promise = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Object.assign(promise, { clear: () => clearTimeout(timer) });
}
