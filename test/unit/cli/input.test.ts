import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, write } from './harness';

const DANGLING = 'import asyncio\n\n\nasync def work():\n    pass\n\n\nasync def main():\n    asyncio.create_task(work())\n';
const SEQUENTIAL = 'import asyncio\n\n\nasync def f(a_client, b_client):\n    x = await a_client.get_x()\n    y = await b_client.get_y()\n    return x, y\n';

interface JsonFinding {
  path: string;
  line: number;
  code: string;
  message: string;
}

const json = (stdout: string): JsonFinding[] => JSON.parse(stdout) as JsonFinding[];

describe('async-coach check on odd and hostile input', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-input-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('skips a FIFO named .py, named or found in a folder, with one message each, instead of hanging', async () => {
    write(dir, { 'pkg/a.py': DANGLING });
    execFileSync('mkfifo', [path.join(dir, 'pkg', 'pipe.py')]);
    execFileSync('mkfifo', [path.join(dir, 'named.py')]);
    const run = await check(dir, '--format', 'json', 'pkg', 'named.py');
    const found = json(run.stdout).map((f) => `${f.path} ${f.code} ${f.message}`);
    assert.deepEqual(found, ['named.py ACO002 not a regular file (a named pipe)', 'pkg/a.py ACO202 ' + json(run.stdout)[1]!.message, 'pkg/pipe.py ACO002 not a regular file (a named pipe)']);
    assert.equal(run.code, 1);
  });

  it('refuses a character device and files over the size limit without reading them', async function () {
    if (!existsSync('/dev/zero')) this.skip();
    write(dir, { 'big.py': '#' + 'x'.repeat(3000) + '\n', 'small.py': 'x = 1\n' });
    const run = await check(dir, '--format', 'json', '--max-file-size-kb', '2', '/dev/zero', 'big.py', 'small.py');
    assert.deepEqual(json(run.stdout).map((f) => `${f.path} ${f.code} ${f.message}`), [
      '/dev/zero ACO002 not a regular file (a character device)',
      'big.py ACO002 3 KB is over the limit of 2 KB (--max-file-size-kb)',
    ]);
  });

  it('reads a latin-1 file by its coding declaration, and --fix writes it back in latin-1', async () => {
    const text = `# -*- coding: latin-1 -*-\n# caf\u00e9\n${DANGLING.replace('pass', 'print("d\u00e9j\u00e0")')}`;
    writeFileSync(path.join(dir, 'old.py'), Buffer.from(text, 'latin1'));
    const run = await check(dir, '--format', 'json', 'old.py');
    assert.deepEqual(json(run.stdout).map((f) => `${f.line} ${f.code}`), ['11 ACO202']);
    await check(dir, '--fix', 'old.py');
    const bytes = readFileSync(path.join(dir, 'old.py'));
    assert.ok(bytes.includes(Buffer.from([0x63, 0x61, 0x66, 0xe9])), 'café is still one latin-1 byte per letter');
    assert.match(bytes.toString('latin1'), /_background_tasks\.add\(task\)/);
    writeFileSync(path.join(dir, 'bad.py'), '# coding: no-such-codec\nx = 1\n');
    assert.match((await check(dir, 'bad.py')).stdout, /ACO002 unknown encoding 'no-such-codec' declared on line 1/);
  });

  it('reads lone-CR line breaks as lines, and --fix keeps them', async () => {
    writeFileSync(path.join(dir, 'mac.py'), DANGLING.replace(/\n/g, '\r'));
    const run = await check(dir, '--format', 'json', 'mac.py');
    assert.deepEqual(json(run.stdout).map((f) => `${f.line} ${f.code}`), ['9 ACO202']);
    await check(dir, '--fix', 'mac.py');
    const fixed = readFileSync(path.join(dir, 'mac.py'), 'utf8');
    assert.ok(!fixed.includes('\n'), 'no LF was written into a CR file');
    assert.match(fixed, /\r_background_tasks = set\(\)\r/);
    assert.equal((await check(dir, 'mac.py')).code, 0);
  });

  it('keeps CRLF line breaks and a UTF-8 BOM when fixing', async () => {
    writeFileSync(path.join(dir, 'win.py'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DANGLING.replace(/\n/g, '\r\n'))]));
    await check(dir, '--fix', 'win.py');
    const bytes = readFileSync(path.join(dir, 'win.py'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.doesNotMatch(bytes.toString('utf8'), /[^\r]\n/);
  });

  it('follows symbolic links in a walked folder once, and says so when a link loops back', async () => {
    write(dir, { 'real/a.py': DANGLING, 'other/b.py': SEQUENTIAL });
    mkdirSync(path.join(dir, 'proj'));
    symlinkSync(path.join(dir, 'other', 'b.py'), path.join(dir, 'proj', 'linked.py'));
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'proj', 'lib'));
    symlinkSync(path.join(dir, 'proj'), path.join(dir, 'proj', 'loop'));
    symlinkSync(path.join(dir, 'nowhere.py'), path.join(dir, 'proj', 'dead.py'));
    const run = await check(dir, '--format', 'json', 'proj');
    assert.deepEqual(json(run.stdout).map((f) => `${f.path} ${f.code}`), ['proj/dead.py ACO002', 'proj/lib/a.py ACO202', 'proj/linked.py ACO101']);
    assert.ok(run.stderr.some((l) => /proj\/loop: note: not walked again/.test(l)), run.stderr.join('\n'));
  });

  it('warns about select = [], a misspelt key, a misspelt table, and gives the line of a TOML error', async () => {
    write(dir, { 'pyproject.toml': '[tool.async-coach]\nselect = []\nignre = ["ACO101"]\n\n[tool.async_coach]\nselect = ["ACO1"]\n', 'a.py': DANGLING });
    const run = await check(dir, 'a.py');
    const warnings = run.stderr.join('\n');
    assert.match(warnings, /select = \[\] turns every rule off/);
    assert.match(warnings, /unknown key "ignre" in \[tool\.async-coach\], ignored \(did you mean "ignore"\?\)/);
    assert.match(warnings, /\[tool\.async_coach\] is not read: the table is \[tool\.async-coach\]/);
    write(dir, { 'pyproject.toml': '[project]\nname = "x"\n\n[tool.async-coach\nselect = ["ACO1"]\n' });
    assert.match((await check(dir, 'a.py')).stderr.join('\n'), /invalid TOML at line 4, column \d+, file ignored/);
  });

  it('--config applies one file to everything checked', async () => {
    write(dir, { 'ci/strict.toml': '[tool.async-coach]\nselect = ["ACO1"]\n', 'pyproject.toml': '[tool.async-coach]\nselect = ["ACO2"]\n', 'a.py': SEQUENTIAL, 'd.py': DANGLING });
    const codes = async (...flags: string[]) => json((await check(dir, '--format', 'json', ...flags, '.')).stdout).map((f) => f.code);
    assert.deepEqual(await codes(), ['ACO202']);
    assert.deepEqual(await codes('--config', 'ci/strict.toml'), ['ACO101']);
    assert.deepEqual(await codes('--config', 'ci/strict.toml', '--extend-select', 'ACO202'), ['ACO101', 'ACO202']);
    const missing = await check(dir, '--config', 'nope.toml', '.');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr.join('\n'), /--config nope\.toml: cannot read the file/);
  });
});
