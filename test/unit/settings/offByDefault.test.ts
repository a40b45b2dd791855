import assert from 'node:assert/strict';
import path from 'node:path';
import { analyzeSource, type AnalyzeOptions } from '../../../src/analysis/analyzer';
import { ALL_RULES } from '../../../src/analysis/rules';
import type { RuleCode } from '../../../src/analysis/types';
import { parseArgs, type CheckArgs } from '../../../src/cli/args';
import { ProjectConfig } from '../../../src/settings/projectConfig';
import { parsePyproject } from '../../../src/settings/pyproject';
import { normalizeSettings } from '../../../src/settings/settings';
import { testParser } from '../helpers';

// ACO304 blocking-file-io is the off-by-default rule: this file both opens a file (ACO304) and sleeps (ACO301).
const SOURCE = 'import time\n\nasync def load(path):\n    time.sleep(1)\n    with open(path) as f:\n        return f.read()\n';

async function codes(options: AnalyzeOptions): Promise<RuleCode[]> {
  return analyzeSource(await testParser(), SOURCE, options).findings.map((f) => f.code);
}

const root = path.resolve('/project');

function optionsFrom(pyproject: string, overrides = {}): AnalyzeOptions {
  const files: Record<string, string> = { [path.join(root, 'pyproject.toml')]: pyproject };
  return new ProjectConfig(() => undefined, (file) => files[file]).optionsFor(path.join(root, 'app.py'), overrides);
}

describe('rules that are off by default (ACO304)', () => {
  it('only ACO304 is declared off by default', () => {
    assert.deepEqual(ALL_RULES.filter((r) => r.meta.offByDefault).map((r) => r.meta.code), ['ACO304']);
  });

  it('stays off with no configuration, and with a severity of off', async () => {
    assert.deepEqual(await codes({}), ['ACO301']);
    assert.deepEqual(await codes({ severity: { ACO304: 'off' } }), ['ACO301']);
  });

  it('runs when selected by its code, added with extend-select, or given a severity', async () => {
    assert.deepEqual(await codes({ select: new Set(['ACO304']) }), ['ACO304']);
    assert.deepEqual(await codes({ extendSelect: new Set(['ACO304']) }), ['ACO301', 'ACO304']);
    assert.deepEqual(await codes({ select: new Set(['ACO301']), extendSelect: new Set(['ACO304']) }), ['ACO301', 'ACO304']);
    const graded = analyzeSource(await testParser(), SOURCE, { severity: { ACO304: 'warning' } }).findings;
    assert.deepEqual(graded.map((f) => [f.code, f.severity]), [['ACO301', 'warning'], ['ACO304', 'warning']]);
  });

  it('is a hint when turned on without a severity', async () => {
    const [finding] = analyzeSource(await testParser(), SOURCE, { select: new Set(['ACO304']) }).findings;
    assert.equal(finding?.severity, 'hint');
  });

  it('pyproject: a prefix never reaches it in select or severity, but does in ignore; its code does everywhere', () => {
    const { config, warnings } = parsePyproject('[tool.async-coach]\nselect = ["ACO3"]\nextend-select = ["aco304"]\nignore = ["ACO30"]\nseverity = { ACO3 = "error" }\n');
    assert.deepEqual(warnings, []);
    assert.deepEqual(config.select, ['ACO301', 'ACO302', 'ACO303', 'ACO305']);
    assert.deepEqual(config.extendSelect, ['ACO304']);
    assert.deepEqual(config.ignore, ['ACO301', 'ACO302', 'ACO303', 'ACO304', 'ACO305']);
    assert.deepEqual(Object.keys(config.severity ?? {}), ['ACO301', 'ACO302', 'ACO303', 'ACO305']);
  });

  it('pyproject: extend-select and severity turn it on next to the defaults, in the CLI and the editor alike', async () => {
    assert.deepEqual(await codes(optionsFrom('[tool.async-coach]\nextend-select = ["ACO304"]\n')), ['ACO301', 'ACO304']);
    assert.deepEqual(await codes(optionsFrom('[tool.async-coach]\nseverity = { ACO304 = "hint" }\n')), ['ACO301', 'ACO304']);
    assert.deepEqual(await codes(optionsFrom('[tool.async-coach]\nselect = ["ACO3"]\n')), ['ACO301']);
    // The editor's asyncCoach.severity is an override on top of the file.
    const editor = normalizeSettings({ severity: { ACO304: 'information' } });
    assert.deepEqual(await codes(optionsFrom('[tool.async-coach]\n', { severity: editor.severity })), ['ACO301', 'ACO304']);
    assert.deepEqual(await codes(optionsFrom('[tool.async-coach]\nextend-select = ["ACO304"]\n', { severity: { ACO304: 'off' } })), ['ACO301']);
  });

  it('CLI: --extend-select adds to the file and the defaults; --select by code turns it on alone, by prefix never', async () => {
    const extend = parseArgs(['check', '--extend-select', 'ACO304', '.']) as CheckArgs;
    assert.deepEqual([...(extend.extendSelect ?? [])], ['ACO304']);
    assert.deepEqual(await codes(optionsFrom('[tool.async-coach]\n', { extendSelect: extend.extendSelect })), ['ACO301', 'ACO304']);
    const only = parseArgs(['check', '--select', 'ACO304', '.']) as CheckArgs;
    assert.deepEqual(await codes(optionsFrom('[tool.async-coach]\n', { select: only.select })), ['ACO304']);
    const prefix = parseArgs(['check', '--select', 'ACO3', '.']) as CheckArgs;
    assert.deepEqual([...(prefix.select ?? [])], ['ACO301', 'ACO302', 'ACO303', 'ACO305']);
    const ignored = parseArgs(['check', '--ignore', 'ACO3', '.']) as CheckArgs;
    assert.ok(ignored.ignore?.has('ACO304'));
  });
});
