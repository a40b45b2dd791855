import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type CheckArgs } from '../../../src/cli/args';
import { check, write } from './harness';

const API = 'import asyncio\n\n\nasync def fetch_user(user_id):\n    await asyncio.sleep(0)\n    return user_id\n';
const SERVICE = 'from .api import fetch_user\n\n\nasync def refresh(user_id):\n    fetch_user(user_id)\n';
// Reads on two API clients: an ACO101 finding at line 5.
const SEQUENTIAL = 'import asyncio\n\n\nasync def f(a_client, b_client):\n    x = await a_client.get_x()\n    y = await b_client.get_y()\n    return x, y\n';

describe('async-coach check', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves an async def imported from another file of the run, whichever file comes first', async () => {
    // service.py sorts after api.py; zz_first/service.py is read before zz_first/zapi.py.
    write(dir, { 'pkg/__init__.py': '', 'pkg/api.py': API, 'pkg/service.py': SERVICE, 'early/__init__.py': '', 'early/a_service.py': SERVICE.replace('.api', '.z_api'), 'early/z_api.py': API });
    const run = await check(dir, '--format', 'json', '.');
    assert.equal(run.code, 1);
    const findings = JSON.parse(run.stdout) as { path: string; line: number; code: string }[];
    assert.deepEqual(findings.map((f) => `${f.path}:${f.line}:${f.code}`).sort(), ['early/a_service.py:5:ACO201', 'pkg/service.py:5:ACO201']);
  });

  it('a src-layout package without __init__.py: `check .` finds the cross-file ACO201 that `check src` finds', async () => {
    const service = 'from pkg.api import fetch_user\n\n\nasync def refresh(user_id):\n    fetch_user(user_id)\n';
    write(dir, { 'src/pkg/api.py': API, 'src/pkg/service.py': service });
    const found = async (target: string): Promise<string[]> =>
      (JSON.parse((await check(dir, '--format', 'json', target)).stdout) as { path: string; line: number; code: string }[]).map((f) => `${f.path}:${f.line}:${f.code}`);
    assert.deepEqual(await found('src'), ['src/pkg/service.py:5:ACO201']);
    assert.deepEqual(await found('.'), ['src/pkg/service.py:5:ACO201']);
  });

  it('finds runs whose callees live in a module read later, whichever file comes first', async () => {
    const api = 'import asyncio\n\n\nasync def fetch_user(i):\n    await asyncio.sleep(1)\n\n\nasync def fetch_orders(i):\n    await asyncio.sleep(1)\n';
    const service = 'from .{api} import fetch_user, fetch_orders\n\n\nasync def page(i):\n    user = await fetch_user(i)\n    orders = await fetch_orders(i)\n    return user, orders\n';
    write(dir, { 'early/__init__.py': '', 'early/a_service.py': service.replace('{api}', 'z_api'), 'early/z_api.py': api, 'late/__init__.py': '', 'late/service.py': service.replace('{api}', 'api'), 'late/api.py': api });
    const findings = JSON.parse((await check(dir, '--format', 'json', '.')).stdout) as { path: string; line: number; code: string }[];
    assert.deepEqual(findings.map((f) => `${f.path}:${f.line}:${f.code}`).sort(), ['early/a_service.py:5:ACO101', 'late/service.py:5:ACO101']);
  });

  it('leaves test files out of ACO101/ACO102 unless --concurrency-in-tests or the pyproject key asks', async () => {
    write(dir, { 'tests/test_api.py': SEQUENTIAL + '\nasync def g():\n    f(1, 2)\n', 'app.py': SEQUENTIAL });
    const codes = async (...flags: string[]) => (JSON.parse((await check(dir, '--format', 'json', ...flags, '.')).stdout) as { path: string; code: string }[]).map((f) => `${f.path}:${f.code}`);
    assert.deepEqual(await codes(), ['app.py:ACO101', 'tests/test_api.py:ACO201'], 'the bug rules still run in tests');
    assert.deepEqual(await codes('--concurrency-in-tests'), ['app.py:ACO101', 'tests/test_api.py:ACO101', 'tests/test_api.py:ACO201']);
    write(dir, { 'pyproject.toml': '[tool.async-coach]\nconcurrency-in-tests = true\n' });
    assert.deepEqual(await codes(), ['app.py:ACO101', 'tests/test_api.py:ACO101', 'tests/test_api.py:ACO201']);
  });

  it('groups bare awaits with --include-bare-awaits or include-bare-awaits', async () => {
    const bare = 'import asyncio\n\n\nasync def f(a_client, b_client):\n    await a_client.get("/a")\n    await b_client.get("/b")\n';
    write(dir, { 'a.py': bare });
    const count = async (...flags: string[]) => (JSON.parse((await check(dir, '--format', 'json', ...flags, '.')).stdout) as unknown[]).length;
    assert.equal(await count(), 0);
    assert.equal(await count('--include-bare-awaits'), 1);
    write(dir, { 'pyproject.toml': '[tool.async-coach]\ninclude-bare-awaits = true\n' });
    assert.equal(await count(), 1);
  });

  it('honours [tool.async-coach] of the nearest pyproject.toml: ignore, severity, exclude, target version', async () => {
    write(dir, {
      'pyproject.toml': '[project]\nrequires-python = ">=3.10"\n\n[tool.async-coach]\nseverity = { ACO101 = "warning" }\nignore = ["ACO201"]\nexclude = ["generated"]\n',
      'app/seq.py': SEQUENTIAL,
      'app/unawaited.py': 'async def f():\n    pass\nasync def g():\n    f()\n',
      'generated/seq.py': SEQUENTIAL,
    });
    const run = await check(dir, '--format', 'json', '.');
    const findings = JSON.parse(run.stdout) as { path: string; code: string; severity: string; fixes: unknown[] }[];
    assert.deepEqual(findings.map((f) => [f.path, f.code, f.severity]), [['app/seq.py', 'ACO101', 'warning']]);
    assert.equal(findings[0]!.fixes.length, 1, 'requires-python >=3.10: no TaskGroup fix');
    const newer = JSON.parse((await check(dir, '--format', 'json', '--target-version', 'py312', '.')).stdout) as { fixes: unknown[] }[];
    assert.equal(newer[0]!.fixes.length, 2, '--target-version wins over the file');
  });

  it('lets --select replace the file selection and --ignore add to it', async () => {
    write(dir, { 'pyproject.toml': '[tool.async-coach]\nselect = ["ACO1"]\n', 'a.py': SEQUENTIAL + '\nasync def h():\n    f(1, 2)\n' });
    const codes = async (...flags: string[]) => (JSON.parse((await check(dir, '--format', 'json', ...flags, '.')).stdout) as { code: string }[]).map((f) => f.code);
    assert.deepEqual(await codes(), ['ACO101']);
    assert.deepEqual(await codes('--select', 'ACO201'), ['ACO201']);
    assert.deepEqual(await codes('--ignore', 'ACO101'), []);
  });

  it('warns about unknown pyproject keys and invalid TOML, and still checks', async () => {
    write(dir, { 'pyproject.toml': '[tool.async-coach]\nselct = ["ACO101"]\n', 'a.py': SEQUENTIAL });
    const run = await check(dir, '.');
    assert.equal(run.code, 1);
    assert.ok(run.stderr.some((l) => /pyproject\.toml: warning: unknown key "selct"/.test(l)), run.stderr.join('\n'));
    write(dir, { 'pyproject.toml': '[tool.async-coach\n' });
    const broken = await check(dir, '.');
    assert.equal(broken.code, 1);
    assert.ok(broken.stderr.some((l) => /invalid TOML/.test(l)));
  });

  it('prints text grouped by file with a summary, and exits 0 when clean', async () => {
    write(dir, { 'a.py': SEQUENTIAL, 'b.py': 'x = 1\n' });
    const run = await check(dir, 'a.py', 'b.py');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^a\.py:5:5: ACO101 /m);
    assert.match(run.stdout, /Found 1 problem \(1 info\) in 1 file; 2 files checked; 1 more with --unsafe-fixes\./);
    const clean = await check(dir, 'b.py');
    assert.equal(clean.code, 0);
    assert.match(clean.stdout, /All clear/);
  });

  it('writes SARIF 2.1.0 with the rules and 1-based regions', async () => {
    write(dir, { 'a.py': SEQUENTIAL });
    const sarif = JSON.parse((await check(dir, '--format', 'sarif', 'a.py')).stdout) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0]!.tool.driver.rules.some((r) => r.id === 'ACO202'));
    assert.deepEqual(sarif.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region.startLine]), [['ACO101', 5]]);
  });

  it('exits 2 on a missing path, reported as ACO002, after checking the rest', async () => {
    write(dir, { 'a.py': SEQUENTIAL });
    const run = await check(dir, 'a.py', 'missing.py');
    assert.equal(run.code, 2);
    assert.deepEqual(run.stderr, []);
    assert.match(run.stdout, /a\.py:5:5: ACO101/);
    assert.match(run.stdout, /^missing\.py:1:1: ACO002 no such file or directory$/m);
    const alone = await check(dir, 'missing.py');
    assert.equal(alone.code, 2);
    assert.match(alone.stdout, /Found 1 problem \(1 warning\) in 1 file; 0 files checked\./);
    assert.doesNotMatch(alone.stdout, /All clear/);
  });

  it('reads the concurrency flags', () => {
    const args = parseArgs(['check', '--include-bare-awaits', '--concurrency-in-tests', '.']) as CheckArgs;
    assert.equal(args.includeBareAwaits, true);
    assert.equal(args.concurrencyInTests, true);
  });

  it('reads --jobs as a positive whole number', () => {
    assert.equal((parseArgs(['check', '--jobs', '3', '.']) as CheckArgs).jobs, 3);
    assert.throws(() => parseArgs(['check', '--jobs', '0', '.']), /--jobs must be a whole number/);
    assert.throws(() => parseArgs(['check', '--jobs=two', '.']), /--jobs must be a whole number/);
  });

  it('checks a file named explicitly even when exclude would skip it in a walk', async () => {
    write(dir, { 'pyproject.toml': '[tool.async-coach]\nexclude = ["*.py"]\n', 'a.py': SEQUENTIAL });
    assert.equal((await check(dir, '.')).code, 0);
    assert.equal((await check(dir, 'a.py')).code, 1);
  });
});
