// @ts-check
// The integration layer: mocha suites inside a real VS Code extension host.
// VS Code's server (bundled in code-server) does not run extension tests by itself; a workbench
// client must connect. Headless chromium is that client. The page gets the extension under
// development and the compiled suite through the `payload` URL parameter; the extension host
// requires the suite and awaits its `run()`, then the page calls window.codeAutomationExit(code).
// The host's console goes to the browser, so the suite writes mocha's report to a file we print.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ROOT, SERVER_MAIN, extensionHostLogs, SERVER_START_LIMIT_MS, freePort, hostEnv, launchChromium, makeRunDirs, requireHost, startProcess, stopProcess, timeout, waitForHttp,
} from './lib/host.mjs';
import { CRASHED, readCounts } from './lib/counts.mjs';

// A hang guard for the whole suite: about 2 minutes on a quiet machine, far longer on a loaded one.
const RUN_TIMEOUT_MS = Number(process.env.ASYNC_COACH_IT_TIMEOUT_MS ?? 45 * 60_000);
const countsFile = process.env.ASYNC_COACH_COUNTS;

/** `--suite out/.../index` and `--workspace dir` let the editor benchmark reuse this runner. */
/** @param {string} name @param {string} fallback */
function option(name, fallback) {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? undefined : process.argv[i + 1];
  return value === undefined ? fallback : path.resolve(value);
}
const SUITE_INDEX = option('--suite', path.join(ROOT, 'out', 'test', 'integration', 'index'));
const WORKSPACE = option('--workspace', path.join(ROOT, 'test', 'integration', 'workspace'));
/** A benchmark suite reports figures, not test counts: judge it by the host's exit code alone. */
const BENCH = process.argv.includes('--bench');

function build() {
  if (process.env.ASYNC_COACH_SKIP_BUILD) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-tests.mjs')], { stdio: 'inherit' });
}

async function main() {
  requireHost();
  build();
  const suiteIndex = SUITE_INDEX.replace(/\.js$/, '');
  if (!existsSync(suiteIndex + '.js')) throw new Error(`compiled suite missing: ${suiteIndex}.js`);

  const dirs = makeRunDirs('it', WORKSPACE);
  const reportFile = path.join(dirs.base, 'mocha-report.txt');
  const suiteCounts = path.join(dirs.base, 'counts.json');
  writeFileSync(reportFile, '');
  const port = await freePort();
  let server;
  let browser;
  const started = Date.now();
  try {
    server = startProcess(process.execPath, [
      SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
      '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust',
      '--user-data-dir', dirs.userData, '--server-data-dir', dirs.serverData, '--extensions-dir', dirs.extensions,
    ], {
      cwd: dirs.workspace,
      // The server passes its environment to the extension host: this is how the suite learns where to report.
      env: hostEnv(dirs, {
        ASYNC_COACH_TEST_REPORT: reportFile,
        ASYNC_COACH_COUNTS: suiteCounts,
        ASYNC_COACH_TEST_WORKSPACE: dirs.workspace,
        ASYNC_COACH_TEST_GREP: process.env.ASYNC_COACH_TEST_GREP ?? '',
        ASYNC_COACH_BENCH_OUT: process.env.ASYNC_COACH_BENCH_OUT ?? '',
      }),
    });
    await waitForHttp(`http://127.0.0.1:${port}/version`, SERVER_START_LIMIT_MS, server);

    browser = await launchChromium();
    const page = await browser.newPage();
    /** @type {Promise<number>} */
    const exitCode = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => resolve(code));
    });
    /** @param {string} p */
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(suiteIndex)],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const limit = timeout(RUN_TIMEOUT_MS, 'the integration suite');
    let code;
    try {
      code = await Promise.race([exitCode, limit]);
    } finally {
      limit.clear();
    }
    process.stdout.write(readFileSync(reportFile, 'utf8'));
    console.log(`[integration] extension host exited with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (code !== 0) console.error(`[integration] extension host logs of the failed run:\n${extensionHostLogs(dirs)}`);
    if (BENCH) return code === 0 ? 0 : 1;
    if (!existsSync(suiteCounts)) console.error('[integration] the suite wrote no counts: it did not run to the end');
    const counts = readCounts(suiteCounts, code);
    if (countsFile) writeFileSync(countsFile, JSON.stringify(counts));
    return counts.failed === 0 && code === 0 ? 0 : 1;
  } catch (err) {
    const report = existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : '';
    if (report) process.stdout.write(report);
    console.error(`[integration] ${err instanceof Error ? err.message : String(err)}`);
    if (server?.output) console.error(`[integration] server output (last lines):\n${server.output.split('\n').slice(-30).join('\n')}`);
    if (countsFile) writeFileSync(countsFile, JSON.stringify(CRASHED));
    return 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await stopProcess(server);
    dirs.cleanup();
  }
}

process.exitCode = await main();
