import assert from 'node:assert/strict';
import path from 'node:path';
import { ExcludeMatcher } from '../../../src/settings/exclude';
import { findPyproject, parsePyproject, targetFromRequiresPython } from '../../../src/settings/pyproject';

describe('pyproject.toml [tool.async-coach]', () => {
  it('reads select, ignore, severity, target-version and exclude', () => {
    const { config, hasSection, warnings } = parsePyproject(
      '[tool.async-coach]\nselect = ["ACO1", "aco201"]\nignore = ["ACO102"]\nseverity = { ACO101 = "warning", ACO201 = "info", ACO3 = "off" }\ntarget-version = "py39"\nexclude = ["migrations", "tests/fixtures/**"]\n',
    );
    assert.equal(hasSection, true);
    assert.deepEqual(warnings, []);
    assert.deepEqual(config.select, ['ACO101', 'ACO102', 'ACO201']);
    assert.deepEqual(config.ignore, ['ACO102']);
    // The prefix reaches the rules on by default: ACO305, not the opt-in ACO304.
    assert.deepEqual(config.severity, { ACO101: 'warning', ACO201: 'information', ACO301: 'off', ACO302: 'off', ACO303: 'off', ACO305: 'off' });
    assert.equal(config.targetVersion, 'py39');
    assert.deepEqual(config.exclude, ['migrations', 'tests/fixtures/**']);
  });

  it('derives the target version from requires-python when the section does not set it', () => {
    assert.equal(parsePyproject('[project]\nrequires-python = ">=3.10"\n[tool.async-coach]\n').config.targetVersion, 'py310');
    assert.equal(parsePyproject('[project]\nrequires-python = ">=3.10"\n[tool.async-coach]\ntarget-version = "py312"\n').config.targetVersion, 'py312');
    assert.equal(targetFromRequiresPython('>=3.8, <4'), 'py38');
    assert.equal(targetFromRequiresPython('~=3.11'), 'py311');
    assert.equal(targetFromRequiresPython('>3.8'), 'py39');
    assert.equal(targetFromRequiresPython('>3.8.1'), 'py38');
    assert.equal(targetFromRequiresPython('==3.12.*'), 'py312');
    assert.equal(targetFromRequiresPython('<3.13'), undefined);
  });

  it('reads the concurrency switches, and warns about values that are not booleans', () => {
    assert.deepEqual(parsePyproject('[tool.async-coach]\ninclude-bare-awaits = true\nconcurrency-in-tests = false\n').config, { includeBareAwaits: true, concurrencyInTests: false });
    const { config, warnings } = parsePyproject('[tool.async-coach]\ninclude-bare-awaits = "yes"\n');
    assert.deepEqual(config, {});
    assert.match(warnings[0]!, /include-bare-awaits must be true or false/);
  });

  it('turns every problem into a warning and never throws', () => {
    assert.match(parsePyproject('[tool.async-coach\n').warnings[0]!, /invalid TOML/);
    const { config, warnings } = parsePyproject('[tool.async-coach]\nselect = "ACO101"\nignore = ["ACO999"]\nseverity = { ACO101 = "loud" }\ntarget-version = "3.11"\nexclude = [1]\ncolour = true\n');
    assert.deepEqual(config, { ignore: [], severity: {} });
    assert.equal(warnings.length, 6, warnings.join('\n'));
  });

  it('finds the nearest file with the section, walking up; a nearer file without it still gives requires-python', () => {
    const files: Record<string, string> = {
      [path.resolve('/repo/pyproject.toml')]: '[tool.async-coach]\nignore = ["ACO102"]\n',
      [path.resolve('/repo/sub/pyproject.toml')]: '[project]\nrequires-python = ">=3.9"\n',
    };
    const read = (f: string): string | undefined => files[f];
    const found = findPyproject(path.resolve('/repo/sub/pkg'), read);
    assert.equal(found?.path, path.resolve('/repo/pyproject.toml'));
    assert.deepEqual(found?.config.ignore, ['ACO102']);
    delete files[path.resolve('/repo/pyproject.toml')];
    const fallback = findPyproject(path.resolve('/repo/sub/pkg'), read);
    assert.equal(fallback?.hasSection, false);
    assert.equal(fallback?.config.targetVersion, 'py39');
    assert.equal(findPyproject(path.resolve('/elsewhere'), read), undefined);
  });

  it('matches exclude patterns: bare names at any depth, paths from the base, folders with their contents', () => {
    const m = new ExcludeMatcher(['migrations', '*_pb2.py', 'tests/fixtures/**', 'build/']);
    assert.equal(m.matches('app/migrations/0001.py'), true);
    assert.equal(m.matches('app/api_pb2.py'), true);
    assert.equal(m.matches('tests/fixtures/bad.py'), true);
    assert.equal(m.matches('tests\\fixtures\\bad.py'), true);
    assert.equal(m.matches('build/lib/x.py'), true);
    assert.equal(m.matches('app/tests/fixtures/x.py'), false);
    assert.equal(m.matches('app/main.py'), false);
    assert.equal(new ExcludeMatcher([]).matches('anything.py'), false);
  });
});
