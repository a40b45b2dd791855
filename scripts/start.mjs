// `npm start`: build, package the .vsix, install it into the local VS Code (code-server) and serve
// it at http://127.0.0.1:8080 with examples/ open. Port: `npm start -- --port 9000` or PORT=9000.
// The profile lives in .vscode-test-host/start-profile, so settings and flashcard progress survive
// restarts. Ctrl+C stops everything.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_ENTRY, HOST_DIR, QUIET_SETTINGS, ROOT, startProcess, stopProcess, waitForHttp } from './lib/host.mjs';

const portArg = process.argv.indexOf('--port');
const port = Number(portArg !== -1 ? process.argv[portArg + 1] : (process.env.PORT ?? 8080));
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`[start] invalid port '${process.argv[portArg + 1] ?? process.env.PORT}'`);
  process.exit(2);
}

execFileSync('bash', [path.join(ROOT, 'scripts', 'setup-test-host.sh')], { stdio: 'inherit' });
execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs')], { stdio: 'inherit' });

const { name, version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const vsix = path.join(ROOT, `${name}-${version}.vsix`);
const profile = path.join(HOST_DIR, 'start-profile');
const dirs = { userData: path.join(profile, 'user-data'), extensions: path.join(profile, 'extensions'), home: path.join(profile, 'home') };
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
if (!existsSync(settingsFile)) {
  mkdirSync(path.dirname(settingsFile), { recursive: true });
  // A newcomer lands on the examples' README, which says what each file shows.
  writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, 'workbench.startupEditor': 'readme' }, null, 2));
}
const env = {
  ...process.env,
  HOME: dirs.home,
  XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
  XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
};
execFileSync(process.execPath, [CODE_SERVER_ENTRY, '--install-extension', vsix, '--force', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData], { env, stdio: 'pipe' });

const workspace = path.join(ROOT, 'examples');
const server = startProcess(process.execPath, [
  CODE_SERVER_ENTRY, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, workspace,
], { env, cwd: workspace });

let stopping = false;
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
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, server);
} catch (err) {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  if (/EADDRINUSE|address already in use/i.test(server.output)) console.error(`[start] port ${port} is taken: try npm start -- --port ${port + 1}`);
  await stop(1);
}
console.log(`\n[start] Async Coach ${version} is running in VS Code: http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
console.log('[start] Open a file in examples/ to see the diagnostics. Press Ctrl+C to stop.');
