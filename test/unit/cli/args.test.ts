import assert from 'node:assert/strict';
import { CHECK_USAGE, parseArgs, unknownServerOptions, type CheckArgs } from '../../../src/cli/args';
import { ALL_RULES } from '../../../src/analysis/rules';

const check = (...argv: string[]): CheckArgs => parseArgs(['check', ...argv]) as CheckArgs;

describe('async-coach arguments', () => {
  it('server takes --stdio and the --clientProcessId=N that vscode-languageclient passes, and names anything else', () => {
    assert.deepEqual(unknownServerOptions([]), []);
    assert.deepEqual(unknownServerOptions(['--stdio', '--clientProcessId=4242']), []);
    assert.deepEqual(unknownServerOptions(['--clientProcessId=abc', '--node-ipc']), ['--clientProcessId=abc', '--node-ipc']);
  });

  it('expands rule prefixes in --select, --extend-select and --ignore, from the rules the analyzer has', () => {
    // A prefix names the rules on by default: an off-by-default rule (ACO304) only joins by its code.
    const aco3 = ALL_RULES.filter((r) => !r.meta.offByDefault).map((r) => r.meta.code).filter((c) => c.startsWith('ACO3'));
    assert.ok(aco3.length >= 3);
    assert.deepEqual([...check('--select', 'ACO3', '.').select!].sort(), aco3.sort());
    assert.deepEqual([...check('--select=aco101,ACO2', '.').select!].sort(), ALL_RULES.map((r) => r.meta.code).filter((c) => c === 'ACO101' || c.startsWith('ACO2')).sort());
    assert.deepEqual([...check('--extend-select', 'ACO302', '.').extendSelect!], ['ACO302']);
    assert.deepEqual([...check('--ignore', 'ACO10', '.').ignore!].sort(), ['ACO101', 'ACO102']);
    assert.throws(() => check('--select', 'ACO9', '.'), /--select: unknown rule code or prefix "ACO9"/);
  });

  it('reads every flag of the issue, in both --flag VALUE and --flag=VALUE forms', () => {
    const a = check('--fix', '--unsafe-fixes', '--show-fixes', '--exit-zero', '--quiet', '--format=github', '-o', 'out.txt', '--config', 'ci.toml', '--max-file-size-kb', '64', '--target-version', 'py312', '--jobs=2', 'src', 'tests');
    assert.deepEqual(
      [a.fix, a.unsafeFixes, a.showFixes, a.exitZero, a.quiet, a.format, a.outputFile, a.config, a.maxFileKb, a.targetVersion, a.jobs, a.paths],
      [true, true, true, true, true, 'github', 'out.txt', 'ci.toml', 64, 'py312', 2, ['src', 'tests']],
    );
    assert.equal(check('--diff', '.').diff, true);
    assert.equal(check('--statistics', '--format', 'json', '.').statistics, true);
    assert.equal(check('--watch', '.').watch, true);
    assert.deepEqual(check('--', '--odd-name.py').paths, ['--odd-name.py']);
  });

  it('answers --help and --version for the tool and for check', () => {
    assert.deepEqual(parseArgs([]), { command: 'help' });
    assert.deepEqual(parseArgs(['--help']), { command: 'help' });
    assert.deepEqual(parseArgs(['help', 'check']), { command: 'help', topic: 'check' });
    assert.deepEqual(parseArgs(['check', '--help']), { command: 'help', topic: 'check' });
    assert.deepEqual(parseArgs(['check', '.', '-h']), { command: 'help', topic: 'check' });
    assert.deepEqual(parseArgs(['--version']), { command: 'version' });
    assert.deepEqual(parseArgs(['check', '--version']), { command: 'version' });
    for (const flag of ['--fix', '--unsafe-fixes', '--diff', '--show-fixes', '--exit-zero', '--output-file', '--statistics', '--quiet', '--format', '--select', '--extend-select', '--ignore', '--config', '--watch', '--max-file-size-kb']) {
      assert.ok(CHECK_USAGE.includes(flag), `check --help lists ${flag}`);
    }
  });

  it('refuses what it cannot do, with one line saying why', () => {
    assert.throws(() => parseArgs(['lint']), /unknown command 'lint'/);
    assert.throws(() => check(), /no paths given/);
    assert.throws(() => check('--format', 'xml', '.'), /--format must be text, json, sarif or github, not 'xml'/);
    assert.throws(() => check('--frobnicate', '.'), /unknown option '--frobnicate'/);
    assert.throws(() => check('--select'), /--select needs a value/);
    assert.throws(() => check('--fix=yes', '.'), /--fix takes no value/);
    assert.throws(() => check('--show-fixes', '.'), /add --fix/);
    assert.throws(() => check('--statistics', '--format', 'sarif', '.'), /--statistics prints text or json/);
    assert.throws(() => check('--max-file-size-kb', '0', '.'), /whole number/);
    assert.throws(() => check('--watch', '--fix', '.'), /--watch reports findings; run --fix on its own/);
  });
});
