import assert from 'node:assert/strict';
import path from 'node:path';
import { ProjectConfig } from '../../../src/settings/projectConfig';

const root = path.resolve('/project');

/** A ProjectConfig over an in-memory file system: { absolute path: text }. */
function configOver(files: Record<string, string>): { config: ProjectConfig; warnings: string[] } {
  const warnings: string[] = [];
  const config = new ProjectConfig((line) => warnings.push(line), (file) => files[file]);
  return { config, warnings };
}

const PYPROJECT = `
[tool.async-coach]
select = ["ACO1", "ACO201", "ACO302"]
ignore = ["ACO102"]
severity = { ACO101 = "warning", ACO302 = "hint" }
target-version = "py310"
exclude = ["generated", "legacy/old_*.py"]
`;

describe('project configuration: pyproject.toml with overrides on top', () => {
  it('reads the file that governs a nested file', () => {
    const { config } = configOver({ [path.join(root, 'pyproject.toml')]: PYPROJECT });
    const options = config.optionsFor(path.join(root, 'src', 'app', 'main.py'));
    assert.deepEqual([...(options.select ?? [])].sort(), ['ACO101', 'ACO102', 'ACO201', 'ACO302']);
    assert.deepEqual([...(options.ignore ?? [])], ['ACO102']);
    assert.deepEqual(options.severity, { ACO101: 'warning', ACO302: 'hint' });
    assert.equal(options.targetVersion, 'py310');
  });

  it('lets overrides win: select replaces, ignore adds, severity and target version win per key', () => {
    const { config } = configOver({ [path.join(root, 'pyproject.toml')]: PYPROJECT });
    const options = config.optionsFor(path.join(root, 'main.py'), {
      select: new Set(['ACO201']),
      ignore: new Set(['ACO201']),
      severity: { ACO302: 'error', ACO303: 'off' },
      targetVersion: 'py312',
    });
    assert.deepEqual([...(options.select ?? [])], ['ACO201']);
    assert.deepEqual([...(options.ignore ?? [])].sort(), ['ACO102', 'ACO201']);
    assert.deepEqual(options.severity, { ACO101: 'warning', ACO302: 'error', ACO303: 'off' });
    assert.equal(options.targetVersion, 'py312');
  });

  it('marks test files relative to the project, and turns the concurrency switches on from the file or the caller', () => {
    const { config } = configOver({ [path.join(root, 'svc', 'pyproject.toml')]: '[tool.async-coach]\ninclude-bare-awaits = true\n' });
    assert.equal(config.optionsFor(path.join(root, 'svc', 'tests', 'test_api.py')).testFile, true);
    assert.equal(config.optionsFor(path.join(root, 'svc', 'app', 'api.py')).testFile, undefined);
    assert.equal(config.optionsFor(path.join(root, 'svc', 'app', 'api.py')).includeBareAwaits, true);
    // No pyproject.toml above: relative to the caller's root, so a project kept under `tests/` is not all tests.
    const outside = path.join(root, 'tests', 'fixtures', 'proj');
    assert.equal(config.optionsFor(path.join(outside, 'app.py'), { root: outside }).testFile, undefined);
    assert.equal(config.optionsFor(path.join(outside, 'tests', 'x.py'), { root: outside }).testFile, true);
    assert.equal(config.optionsFor(path.join(outside, 'app.py'), { concurrencyInTests: true }).concurrencyInTests, true);
    assert.equal(config.optionsFor(path.join(outside, 'app.py'), { concurrencyInTests: false }).concurrencyInTests, undefined);
  });

  it('applies exclude relative to the pyproject.toml: names anywhere, paths from its folder', () => {
    const { config } = configOver({ [path.join(root, 'pyproject.toml')]: PYPROJECT });
    assert.equal(config.isExcluded(path.join(root, 'pkg', 'generated', 'models.py')), true);
    assert.equal(config.isExcluded(path.join(root, 'legacy', 'old_api.py')), true);
    assert.equal(config.isExcluded(path.join(root, 'legacy', 'api.py')), false);
    assert.equal(config.isExcluded(path.join(root, 'pkg', 'service.py')), false);
  });

  it('gives no options and excludes nothing without a pyproject.toml', () => {
    const { config } = configOver({});
    assert.deepEqual(config.optionsFor(path.join(root, 'main.py')), {});
    assert.equal(config.isExcluded(path.join(root, 'generated', 'x.py')), false);
  });

  it('re-reads the files after clear() (a pyproject.toml changed)', () => {
    const files: Record<string, string> = { [path.join(root, 'pyproject.toml')]: '[tool.async-coach]\ntarget-version = "py39"\n' };
    const config = new ProjectConfig(() => undefined, (file) => files[file]);
    assert.equal(config.optionsFor(path.join(root, 'a.py')).targetVersion, 'py39');
    files[path.join(root, 'pyproject.toml')] = '[tool.async-coach]\ntarget-version = "py312"\n';
    assert.equal(config.optionsFor(path.join(root, 'a.py')).targetVersion, 'py39', 'cached until cleared');
    config.clear();
    assert.equal(config.optionsFor(path.join(root, 'a.py')).targetVersion, 'py312');
  });

  it('reports a bad value once per file and keeps the rest', () => {
    const { config, warnings } = configOver({ [path.join(root, 'pyproject.toml')]: '[tool.async-coach]\nseverity = { ACO101 = "loud" }\ntarget-version = "py311"\n' });
    config.optionsFor(path.join(root, 'a.py'));
    config.optionsFor(path.join(root, 'sub', 'b.py'));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.equal(config.optionsFor(path.join(root, 'a.py')).targetVersion, 'py311');
  });
});
