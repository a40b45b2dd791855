import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './process';

const APP = 'from aiohttp import web\nimport httpx\n\n\nasync def handler(request: web.Request, resp: httpx.Response):\n    request.json()\n    resp.aread()\n    data = request.post()\n    return data.get("x")\n';

/** Debian's python3-aiohttp and python3-httpx (scripts/setup-test-host.sh installs them for /usr/bin/python3). */
function debianLibraries(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import aiohttp, httpx'], { stdio: 'ignore', timeout: 60000 });
    return true;
  } catch {
    return false;
  }
}

describe('the CLI reads installed packages', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--python: coroutine methods of real libraries (aiohttp, httpx), inherited ones included; without it, nothing', async function () {
    if (!debianLibraries()) this.skip();
    writeFileSync(path.join(dir, 'app.py'), APP);
    const run = await runCli(dir, 'check', '--select', 'ACO201', '--format', 'json', '--python', '/usr/bin/python3', 'app.py');
    const lines = (JSON.parse(run.stdout) as { line: number }[]).map((f) => f.line);
    assert.deepEqual(lines, [6, 7, 8]);
    const without = await runCli(dir, 'check', '--select', 'ACO201', '--format', 'json', '--no-environment', 'app.py');
    assert.deepEqual(JSON.parse(without.stdout), []);
  });

  it('finds the packages of a .venv in the project', async function () {
    if (!debianLibraries()) this.skip();
    // A virtual environment whose site-packages holds a package the test writes.
    execFileSync('/usr/bin/python3', ['-m', 'venv', '--without-pip', path.join(dir, '.venv')], { timeout: 120000 });
    const site = execFileSync(path.join(dir, '.venv', 'bin', 'python'), ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], { encoding: 'utf8' }).trim();
    mkdirSync(path.join(site, 'vendorlib'), { recursive: true });
    writeFileSync(path.join(site, 'vendorlib', '__init__.py'), 'async def connect():\n    pass\n');
    writeFileSync(path.join(dir, 'app.py'), 'import vendorlib\n\n\nasync def main():\n    vendorlib.connect()\n');
    const run = await runCli(dir, 'check', '--select', 'ACO201', '--format', 'json', 'app.py');
    assert.deepEqual((JSON.parse(run.stdout) as { line: number }[]).map((f) => f.line), [5]);
  });

  it('says so when --python cannot run, and checks the rest', async () => {
    writeFileSync(path.join(dir, 'app.py'), 'x = 1\n');
    const run = await runCli(dir, 'check', '--python', path.join(dir, 'no-such-python'), 'app.py');
    assert.equal(run.code, 0);
    assert.match(run.stderr, /could not run .*no-such-python/);
  });
});
