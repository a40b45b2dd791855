import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { escapeData, escapeProperty, formatGithub } from '../../../src/cli/format/github';
import { fileProblem, type FileReport } from '../../../src/cli/report';
import { check, write } from './harness';

const SEQUENTIAL = 'import asyncio\n\n\nasync def f(a_client, b_client):\n    x = await a_client.get_x()\n    y = await b_client.get_y()\n    return x, y\n';
const DANGLING = 'import asyncio\n\n\nasync def work():\n    pass\n\n\nasync def main():\n    asyncio.create_task(work())\n';

describe('output formats', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'async-coach-formats-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('github: one workflow command per finding, exactly as GitHub reads them, with its escaping', () => {
    const report: FileReport = {
      path: 'src/a,b:c.py',
      findings: [
        { code: 'ACO101', name: 'sequential-awaits', severity: 'information', message: '100% slower\nsecond line\r', range: { start: { line: 4, character: 4 }, end: { line: 5, character: 18 } }, fixes: [], related: [] },
        { code: 'ACO302', name: 'nested-asyncio-run', severity: 'error', message: 'a: b, c', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, fixes: [], related: [] },
        fileProblem('unreadable', 'not a regular file (a named pipe)'),
      ],
    };
    assert.equal(
      formatGithub([report]),
      '::notice file=src/a%2Cb%3Ac.py,line=5,col=5,endLine=6,endColumn=19,title=ACO101::100%25 slower%0Asecond line%0D\n' +
        '::error file=src/a%2Cb%3Ac.py,line=1,col=1,endLine=1,endColumn=4,title=ACO302::a: b, c\n' +
        '::warning file=src/a%2Cb%3Ac.py,line=1,col=1,endLine=1,endColumn=1,title=ACO002::not a regular file (a named pipe)\n',
    );
    assert.equal(escapeData('%\r\n:,'), '%25%0D%0A:,');
    assert.equal(escapeProperty('%\r\n:,'), '%25%0D%0A%3A%2C');
    assert.equal(formatGithub([]), '');
  });

  it('sarif: valid against the SARIF 2.1.0 schema, rules with helpUri and fullDescription, file problems included', async () => {
    write(dir, { 'a.py': SEQUENTIAL, 'broken.py': 'async def f(:\n    pass\n', 'bin.py': 'x = 1\u0000\n' });
    const run = await check(dir, '--format', 'sarif', 'a.py', 'broken.py', 'bin.py', 'missing.py');
    assert.equal(run.code, 2);
    const sarif = JSON.parse(run.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string; fullDescription: { text: string }; help?: { markdown: string } }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    // The official schema, from an npm package (MIT) that ships it: no network at test time.
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
    // A draft-04 schema: it uses none of the keywords draft-07 changed (exclusiveMinimum and the like),
    // so Ajv's default draft reads it once its `id` is spelled `$id`.
    schema.$id = schema.id;
    delete schema.id;
    delete schema.$schema;
    // The schema's language pattern is valid only without the u flag, as JSON Schema's ECMA 262 regexes were then.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(!validate({ version: '2.1.0' }), 'the validator rejects a log without runs');
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
    const rules = sarif.runs[0]!.tool.driver.rules;
    for (const r of rules) {
      assert.match(r.helpUri, /^https:\/\/example\.org\/async-coach/);
      assert.ok(r.fullDescription.text.length > 20, `${r.id} has a full description`);
    }
    const aco101 = rules.find((r) => r.id === 'ACO101')!;
    assert.match(aco101.helpUri, /media\/docs\/ACO101-sequential-awaits\.md$/);
    assert.match(aco101.help!.markdown, /^# ACO101/);
    assert.deepEqual(sarif.runs[0]!.results.map((r) => `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}`).sort(), ['ACO001 broken.py', 'ACO002 bin.py', 'ACO002 missing.py', 'ACO101 a.py']);
  });

  it('json: syntax errors and unreadable files are findings of their own', async () => {
    write(dir, { 'broken.py': 'import asyncio\n\n\nasync def f(:\n    pass\n' });
    const run = await check(dir, '--format', 'json', 'broken.py', 'nope.py');
    const findings = JSON.parse(run.stdout) as { path: string; line: number; code: string; name: string; severity: string; message: string }[];
    assert.deepEqual(findings.map((f) => [f.path, f.line, f.code, f.name, f.severity]), [
      ['broken.py', 4, 'ACO001', 'syntax-error', 'error'],
      ['nope.py', 1, 'ACO002', 'unreadable-file', 'warning'],
    ]);
    assert.match(findings[1]!.message, /no such file or directory/);
  });

  it('text: files with problems and files checked are counted apart; [*] marks what --fix fixes', async () => {
    write(dir, { 'a.py': SEQUENTIAL, 'd.py': DANGLING, 'clean.py': 'x = 1\n' });
    const run = await check(dir, '.');
    assert.match(run.stdout, /^d\.py:9:5: ACO202 \[\*\] /m);
    assert.match(run.stdout, /^a\.py:5:5: ACO101 (?!\[\*\])/m);
    assert.match(run.stdout, /Found 2 problems \(1 warning, 1 info\) in 2 files; 3 files checked; 1 fixable with --fix, 1 more with --unsafe-fixes\.$/m);
    const unsafe = await check(dir, '--unsafe-fixes', '.');
    assert.match(unsafe.stdout, /2 fixable with --fix\.$/m);
  });

  it('text: a file name with a newline or an escape sequence stays on its one line', async () => {
    write(dir, { 'odd\nname\u001b[31m.py': DANGLING });
    const run = await check(dir, '.');
    const line = run.stdout.split('\n')[0]!;
    assert.equal(line.slice(0, line.indexOf(' ACO202')), 'odd\\nname\\x1b[31m.py:9:5:');
    const github = await check(dir, '--format', 'github', '.');
    assert.equal(github.stdout.split('\n').filter(Boolean).length, 1);
    assert.ok(github.stdout.includes('file=odd%0Aname\u001b[31m.py,'), github.stdout);
  });

  it('--statistics counts per rule, --output-file writes the report there, --quiet prints findings only, --exit-zero exits 0', async () => {
    write(dir, { 'd.py': DANGLING, 'e.py': DANGLING, 'a.py': SEQUENTIAL });
    const stats = await check(dir, '--statistics', '.');
    assert.equal(stats.stdout, '2  ACO202  [*] dangling-task\n1  ACO101      sequential-awaits\n');
    assert.equal(stats.code, 1);
    const json = JSON.parse((await check(dir, '--statistics', '--format', 'json', '.')).stdout) as { code: string; count: number; fixable: number }[];
    assert.deepEqual(json.map((r) => [r.code, r.count, r.fixable]), [['ACO202', 2, 2], ['ACO101', 1, 0]]);
    const toFile = await check(dir, '--output-file', 'report.txt', '.');
    assert.equal(toFile.stdout, '');
    assert.match(readFileSync(path.join(dir, 'report.txt'), 'utf8'), /Found 3 problems/);
    const quiet = await check(dir, '--quiet', '.');
    assert.doesNotMatch(quiet.stdout, /Found|All clear/);
    assert.equal(quiet.stdout.trim().split('\n').filter(Boolean).length, 3);
    assert.equal((await check(dir, '--exit-zero', '.')).code, 0);
  });
});
