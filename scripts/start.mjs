// @ts-check
// `npm start`: build and package the extension, install it into the local VS Code (code-server)
// and serve it with a fresh copy of examples/ open. Port: `npm start -- --port 9000` or PORT=9000.
// The profile lives in .vscode-test-host/start-profile, so settings and flashcard progress survive
// restarts; the examples are copied anew at each start, so quick fixes and snippets tried in the
// demo never edit the repository and every start shows the bugs again. Ctrl+C stops everything.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { readJson } from './lib/json.mjs';
import { CODE_SERVER_ENTRY, HOST_DIR, packageInfo, QUIET_SETTINGS, ROOT, SERVER_START_LIMIT_MS, startProcess, stopProcess, waitForHttp } from './lib/host.mjs';

/** Not 8080: that is code-server's own default, so a code-server the user already runs would clash. */
const DEFAULT_PORT = 8642;
const STEPS = 4;
const started = Date.now();

/** @param {number} n @param {string} what */
function step(n, what) {
  console.log(`\n[start] ${n}/${STEPS} ${what} (${Math.round((Date.now() - started) / 1000)} s so far)`);
}

/** The port asked for with `--port N` or PORT=N, else the default; exits with a message if it is not a port. */
function requestedPort() {
  const i = process.argv.indexOf('--port');
  const raw = i !== -1 ? process.argv[i + 1] : (process.env.PORT ?? String(DEFAULT_PORT));
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`[start] '${raw ?? ''}' is not a port number: use npm start -- --port 9000 (1-65535)`);
    process.exit(2);
  }
  return port;
}

/**
 * Resolves when nothing listens on 127.0.0.1:`port`. Checked before anything starts: otherwise
 * another server there answers the health check and the demo seems to run when it does not.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

const port = requestedPort();
if (!(await portIsFree(port))) {
  console.error(`[start] port ${port} is already in use by another program (perhaps an earlier npm start, or a code-server).`);
  console.error(`[start] Stop that program, or pick another port: npm start -- --port ${port + 1}   (or PORT=${port + 1} npm start)`);
  process.exit(2);
}

const firstStart = !existsSync(path.join(HOST_DIR, 'node_modules', 'code-server'));
step(1, firstStart
  ? 'installing the local VS Code (code-server) and the Debian packages it needs: the first start takes a few minutes, later ones about 30 s'
  : 'checking the local VS Code (code-server)');
execFileSync('bash', [path.join(ROOT, 'scripts', 'setup-test-host.sh')], { stdio: 'inherit' });

step(2, 'building and packaging the extension');
execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });

step(3, 'installing the extension into the local VS Code');
const { version, vsix } = packageInfo();
const profile = path.join(HOST_DIR, 'start-profile');
const dirs = { userData: path.join(profile, 'user-data'), extensions: path.join(profile, 'extensions'), home: path.join(profile, 'home') };
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
mkdirSync(path.dirname(settingsFile), { recursive: true });
// Nothing opens late and takes the focus: on the first start the extension opens its challenge
// walkthrough (once, as this setting allows), later starts restore the editors. A profile from an
// older npm start opened the README preview: that one setting is replaced, the rest kept.
/** @type {Record<string, unknown>} */
let settings = { ...QUIET_SETTINGS, 'workbench.startupEditor': 'none', 'workbench.welcomePage.walkthroughs.openOnInstall': true, 'asyncCoach.walkthrough.openOnFirstRun': true };
if (existsSync(settingsFile)) {
  try {
    settings = { ...readJson(settingsFile) };
    if (settings['workbench.startupEditor'] === 'readme') settings['workbench.startupEditor'] = 'none';
  } catch {
    settings = {}; // not plain JSON (the user edited it): leave it as it is
  }
}
if (Object.keys(settings).length > 0) writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
const env = {
  ...process.env,
  HOME: dirs.home,
  XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
  XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
};
execFileSync(process.execPath, [CODE_SERVER_ENTRY, '--install-extension', vsix, '--force', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData], { env, stdio: 'pipe' });

step(4, `starting VS Code on port ${port} with a fresh copy of examples/`);
const workspace = path.join(profile, 'examples');
rmSync(workspace, { recursive: true, force: true });
cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
const server = startProcess(process.execPath, [
  CODE_SERVER_ENTRY, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--disable-getting-started-override', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, workspace,
], { env, cwd: workspace });

let stopping = false;
/** @param {number} code */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping VS Code');
  await stopProcess(server);
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
server.on('exit', (code) => {
  if (!stopping) {
    console.error(`[start] code-server exited (${code}):\n${server.output.split('\n').slice(-20).join('\n')}`);
    process.exit(1);
  }
});

try {
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, SERVER_START_LIMIT_MS, server);
} catch (err) {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  if (/EADDRINUSE|address already in use/i.test(server.output)) console.error(`[start] port ${port} was taken meanwhile: try npm start -- --port ${port + 1}`);
  await stop(1);
}
// Opening a Python file activates the extension at once (on the first start it then shows the walkthrough).
const openFile = `vscode-remote://127.0.0.1:${port}${path.join(workspace, 'sequential.py')}`;
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify([['openFile', openFile]]))}`;
console.log(`\n[start] Async Coach ${version} is running in VS Code after ${Math.round((Date.now() - started) / 1000)} s: ${url}`);
console.log(`[start] It serves a scratch copy of examples/ (${workspace}): try every quick fix there; the next start copies it anew.`);
console.log('[start] Press Ctrl+C to stop.');
