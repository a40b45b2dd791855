// @ts-check
// Editor benchmark: starts a real extension host (as the integration tests do) on a generated
// workspace and prints what bench/host/index.ts measured there. Figures only; nothing asserted.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readJson } from './lib/json.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/**
 * A 10k-line module of realistic async code: many functions, a few findings, comments to type in.
 * @param {number} targetLines
 */
function bigModule(targetLines) {
  /** @param {number} i */
  const block = (i) => `
# --- section ${i}: a service with a few coroutines ---
import asyncio


async def fetch_${i}(n):
    # simulate I/O
    await asyncio.sleep(0)
    return {"id": n, "section": ${i}}


async def load_${i}(ids):
    results = []
    for n in ids:
        if n % 2:
            continue
        results.append(n)
    return await asyncio.gather(*(fetch_${i}(n) for n in results))


class Store${i}:
    def __init__(self):
        self.lock = asyncio.Lock()
        self.items = {}

    async def put(self, key, value):
        async with self.lock:
            self.items[key] = value

    async def nested(self):
        # one deliberate finding every ten sections, as real code has few
        return ${i % 10 === 0 ? 'asyncio.run(' : 'await ('}fetch_${i}(1))
`;
  let text = '"""Generated for the editor benchmark."""\n';
  for (let i = 0; text.split('\n').length < targetLines; i++) text += block(i);
  return text;
}

const workspace = mkdtempSync(path.join(os.tmpdir(), 'async-coach-bench-ws-'));
const outFile = path.join(workspace, '..', `${path.basename(workspace)}-result.json`);
try {
  mkdirSync(path.join(workspace, '.vscode'));
  // Debounce 0: measure the analysis and the host round trip, not the typing pause.
  writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'asyncCoach.debounceMs': 0 }));
  writeFileSync(path.join(workspace, 'small.py'), 'import asyncio\n\n\nasync def f():\n    return asyncio.run(g())\n');
  writeFileSync(path.join(workspace, 'big.py'), bigModule(10_000));
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-tests.mjs')], { stdio: 'inherit' });
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'run-integration.mjs'), '--bench', '--suite', path.join(root, 'out', 'bench', 'host', 'index'), '--workspace', workspace], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ASYNC_COACH_BENCH_OUT: outFile },
    });
  } catch (caught) {
    const err = /** @type {{ stdout?: Buffer, stderr?: Buffer }} */ (caught);
    let reason = '';
    try {
      /** @type {{ error?: string }} */
      const report = readJson(outFile);
      reason = report.error ?? '';
    } catch {
      /* the suite wrote nothing */
    }
    console.error(`[bench-editor] the benchmark host failed${reason ? `: ${reason}` : ''}\n${String(err.stdout ?? '')}${String(err.stderr ?? '')}`);
    process.exit(1);
  }
  /** @type {Record<'serverRssMb' | 'openToFirstDiagnosticsMs' | 'bigFileLines' | 'bigFileOpenToDiagnosticsMs' | 'edits' | 'editToPublishedP50Ms' | 'editToPublishedP95Ms' | 'editToDiagnosticsP50Ms' | 'editToDiagnosticsP95Ms' | 'editApplyP50Ms' | 'editApplyP95Ms' | 'hostLoopDelayP99Ms' | 'hostLoopDelayMaxMs' | 'extensionHostRssMb', number>} */
  const r = readJson(outFile);
  /** @param {number} n */
  const ms = (n) => `${n.toFixed(1)} ms`;
  console.log('\nEditor (in a real VS Code extension host, code-server 1.100.3)');
  console.log(`  open a .py file in a fresh host -> first diagnostics (activation included): ${ms(r.openToFirstDiagnosticsMs)}`);
  console.log(`  ${r.bigFileLines}-line file: open -> diagnostics (full parse + analysis): ${ms(r.bigFileOpenToDiagnosticsMs)}`);
  console.log(`  one-character edit -> new diagnostics published, ${r.edits} edits: p50 ${ms(r.editToPublishedP50Ms)}, p95 ${ms(r.editToPublishedP95Ms)} (goal p95 < 16 ms)`);
  console.log(`  the same seen through onDidChangeDiagnostics (adds the host's 50 ms event debounce): p50 ${ms(r.editToDiagnosticsP50Ms)}, p95 ${ms(r.editToDiagnosticsP95Ms)}`);
  console.log(`    of which the edit's own trip through the workbench: p50 ${ms(r.editApplyP50Ms)}, p95 ${ms(r.editApplyP95Ms)}`);
  console.log(`  extension host event-loop delay while opening and typing in the big file: p99 ${ms(r.hostLoopDelayP99Ms)}, max ${ms(r.hostLoopDelayMaxMs)} (goal: no stall over 16 ms)`);
  console.log(`  extension host RSS after the run: ${r.extensionHostRssMb.toFixed(0)} MB; language server process RSS: ${r.serverRssMb.toFixed(0)} MB`);
  // Measured with this script before the extension became a client of the language server (analysis in the host).
  console.log('  before (analysis on the extension host): host loop delay p99 219 ms, max 1435 ms; edit -> diagnostics p50 205 / p95 286 ms; open -> first diagnostics 2612 ms; host RSS 408 MB');
} finally {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outFile, { force: true });
}
