// @ts-check
// The UI layer: what a person sees. Packages the .vsix, installs it into code-server like a user
// would, serves the examples/ workspace, and runs the Playwright checks in test/ui against it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_ENTRY, ROOT, extensionHostLogs, packageInfo, SERVER_START_LIMIT_MS, freePort, hostEnv, makeRunDirs, requireHost, startProcess, stopProcess, timeout, waitForHttp } from './lib/host.mjs';
import { CRASHED, readCounts } from './lib/counts.mjs';

// A guard against a hung run, not a speed check: two workbench windows and the timeline's python3
// runs take minutes on a busy machine.
const RUN_TIMEOUT_MS = Number(process.env.ASYNC_COACH_UI_TIMEOUT_MS ?? 45 * 60_000);
const countsFile = process.env.ASYNC_COACH_COUNTS;
const screenshots = path.join(ROOT, 'test-results', 'ui');

/** @param {NodeJS.ProcessEnv} env @returns {Promise<number>} */
function runMocha(env) {
  return new Promise((resolve) => {
    // ASYNC_COACH_TEST_GREP runs only the checks whose titles match, as in the integration layer.
    const grep = process.env.ASYNC_COACH_TEST_GREP ? ['--grep', process.env.ASYNC_COACH_TEST_GREP] : [];
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', path.join(ROOT, '.mocharc.ui.json'), ...grep], {
      cwd: ROOT, env, stdio: 'inherit',
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main() {
  requireHost();
  const { vsix } = packageInfo();
  if (!process.env.ASYNC_COACH_SKIP_BUILD) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs')], { stdio: 'inherit' });
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-tests.mjs')], { stdio: 'inherit' });
  }
  if (!existsSync(vsix)) throw new Error(`${vsix} missing: run npm run package`);
  mkdirSync(screenshots, { recursive: true });

  const dirs = makeRunDirs('ui', path.join(ROOT, 'examples'));
  const mochaCounts = path.join(dirs.base, 'counts.json');
  const port = await freePort();
  const env = hostEnv(dirs);
  let server;
  try {
    execFileSync(process.execPath, [CODE_SERVER_ENTRY, '--install-extension', vsix, '--force', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData], { env, stdio: 'pipe' });
    server = startProcess(process.execPath, [
      CODE_SERVER_ENTRY, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, dirs.workspace,
    ], { cwd: dirs.workspace, env });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, SERVER_START_LIMIT_MS, server);
    const limit = timeout(RUN_TIMEOUT_MS, 'the UI checks');
    let code;
    try {
      code = await Promise.race([
        runMocha({
          ...process.env,
          ASYNC_COACH_UI_URL: `http://127.0.0.1:${port}/`,
          ASYNC_COACH_UI_WORKSPACE: dirs.workspace,
          ASYNC_COACH_VSIX: vsix,
          ASYNC_COACH_SCREENSHOTS: screenshots,
          ASYNC_COACH_COUNTS: mochaCounts,
        }),
        limit,
      ]);
    } finally {
      limit.clear();
    }
    const counts = readCounts(mochaCounts, code);
    if (countsFile) writeFileSync(countsFile, JSON.stringify(counts));
    console.log(`[ui] screenshots in ${path.relative(process.cwd(), screenshots)}/`);
    if (code !== 0) console.error(`[ui] extension host logs of the failed run:\n${extensionHostLogs(dirs)}`);
    return code === 0 ? 0 : 1;
  } catch (err) {
    console.error(`[ui] ${err instanceof Error ? err.message : String(err)}`);
    if (server?.output) console.error(`[ui] code-server output (last lines):\n${server.output.split('\n').slice(-30).join('\n')}`);
    if (countsFile) writeFileSync(countsFile, JSON.stringify(CRASHED));
    return 1;
  } finally {
    await stopProcess(server);
    dirs.cleanup();
  }
}

process.exitCode = await main();
