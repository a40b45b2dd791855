import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, normalizeSettings, SETTING_KEYS, severityProblems } from '../../../src/settings/settings';
import { COMMANDS } from '../../../src/vscode/commandIds';
import { repoRoot } from '../helpers';

interface Manifest {
  contributes: { commands: { command: string }[]; configuration: { properties: Record<string, { default?: unknown }> } };
}

function manifest(): Manifest {
  return JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as Manifest;
}

describe('settings normaliser', () => {
  it('returns the defaults for an empty or garbage configuration', () => {
    assert.deepEqual(normalizeSettings({}), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings({ enable: 'yes', run: 'sometimes', debounceMs: 'fast', severity: 'loud', exclude: 'x', targetVersion: 'py2' }), DEFAULT_SETTINGS);
  });

  it('clamps numbers into their range', () => {
    assert.equal(normalizeSettings({ debounceMs: -5 }).debounceMs, 0);
    assert.equal(normalizeSettings({ debounceMs: 1e9 }).debounceMs, 5000);
    assert.equal(normalizeSettings({ debounceMs: Number.NaN }).debounceMs, DEFAULT_SETTINGS.debounceMs);
  });

  it('keeps known rule severities, accepts "info" and any case, drops unknown codes and levels', () => {
    const s = normalizeSettings({ severity: { aco101: 'Warning', ACO201: 'info', ACO302: 'off', ACO999: 'error', ACO202: 'loud' } });
    assert.deepEqual(s.severity, { ACO101: 'warning', ACO201: 'information', ACO302: 'off' });
  });

  it('drops codes that look like rules but name none (ACO103), and says so, naming the setting and the code', () => {
    const raw = { ACO103: 'error', aco101: 'loud', ACO201: 'info', 'not-a-code': 'off' };
    assert.deepEqual(normalizeSettings({ severity: raw }).severity, { ACO201: 'information' });
    const problems = severityProblems(raw);
    assert.equal(problems.length, 3);
    assert.match(problems[0]!, /^asyncCoach\.severity: "ACO103" is not an Async Coach rule code \(the rules are ACO101, ACO102, .*ACO30\d\); it is ignored$/);
    assert.match(problems[1]!, /^asyncCoach\.severity: ACO101 is set to "loud", not one of error, warning, information, hint, off/);
    assert.match(problems[2]!, /"not-a-code" is not an Async Coach rule code/);
    assert.deepEqual(severityProblems({ ACO101: 'warning' }), []);
    assert.deepEqual(severityProblems(undefined), []);
  });

  it('reads dotted keys into their fields', () => {
    const s = normalizeSettings({ 'sequentialAwaits.includeBareAwaits': true, 'fixes.preferTaskGroup': true, concurrencyInTests: true, targetVersion: 'py312', exclude: ['legacy/**', '', 3] });
    assert.equal(s.includeBareAwaits, true);
    assert.equal(s.concurrencyInTests, true);
    assert.equal(normalizeSettings({ concurrencyInTests: 'yes' }).concurrencyInTests, false, 'only a boolean turns it on');
    assert.equal(s.preferTaskGroup, true);
    assert.equal(s.targetVersion, 'py312');
    assert.deepEqual(s.exclude, ['legacy/**']);
  });
});

describe('manifest drift', () => {
  it('every contributed asyncCoach setting (outside flashcards) is read by the normaliser, and vice versa', () => {
    const contributed = Object.keys(manifest().contributes.configuration.properties)
      .filter((k) => !k.startsWith('asyncCoach.flashcards.'))
      .map((k) => k.replace(/^asyncCoach\./, ''))
      .sort();
    assert.deepEqual(contributed, Object.keys(SETTING_KEYS).sort());
  });

  it('every contributed default equals the normaliser default', () => {
    const props = manifest().contributes.configuration.properties;
    for (const [key, field] of Object.entries(SETTING_KEYS)) {
      assert.deepEqual(props[`asyncCoach.${key}`]?.default, DEFAULT_SETTINGS[field], `default of asyncCoach.${key}`);
    }
  });

  it('names each top-level key of package.json once (JSON.parse would silently keep the last)', () => {
    const keys = [...readFileSync(path.join(repoRoot(), 'package.json'), 'utf8').matchAll(/^ {2}"([^"]+)":/gm)].map((m) => m[1]);
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), []);
  });

  it('every command id constant of the linter is contributed', () => {
    const contributed = new Set(manifest().contributes.commands.map((c) => c.command));
    for (const id of Object.values(COMMANDS)) assert.ok(contributed.has(id), `${id} is registered but not contributed`);
  });
});

describe('workspace trust in the manifest', () => {
  it('declares limited support, so Restricted Mode keeps the linter, and restricts the settings that point at files or programs', () => {
    const { capabilities } = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
    };
    const trust = capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.match(trust.description ?? '', /linter.*snippets.*flashcards/);
    assert.ok(trust.restrictedConfigurations?.includes('asyncCoach.flashcards.deckPaths'));
    assert.ok(trust.restrictedConfigurations?.includes('asyncCoach.pythonPath'), 'the interpreter path, once contributed, must not come from an untrusted workspace');
  });
});
