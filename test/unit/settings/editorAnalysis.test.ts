import assert from 'node:assert/strict';
import path from 'node:path';
import { DocumentGate, documentOptions, settingsFromObject } from '../../../src/settings/editorAnalysis';
import { ProjectConfig } from '../../../src/settings/projectConfig';
import { DEFAULT_SETTINGS } from '../../../src/settings/settings';

describe('editor analysis settings, shared by the extension and the language server', () => {
  it('reads nested settings as LSP clients send them, and dotted keys as VS Code names them', () => {
    const nested = settingsFromObject({ fixes: { preferTaskGroup: true }, sequentialAwaits: { includeBareAwaits: true }, severity: { aco101: 'Error' }, debounceMs: 0 });
    assert.equal(nested.preferTaskGroup, true);
    assert.equal(nested.includeBareAwaits, true);
    assert.deepEqual(nested.severity, { ACO101: 'error' });
    assert.equal(nested.debounceMs, 0);
    assert.equal(settingsFromObject({ 'fixes.preferTaskGroup': true }).preferTaskGroup, true);
  });

  it('falls back to the defaults for anything missing or malformed', () => {
    assert.deepEqual(settingsFromObject(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(settingsFromObject('nonsense'), DEFAULT_SETTINGS);
    assert.equal(settingsFromObject({ run: 'sometimes', maxFileSizeKb: 'big' }).run, 'onType');
  });

  it('says why a document is skipped: disabled, too large, or excluded by the settings', () => {
    const gate = new DocumentGate();
    const config = new ProjectConfig(() => undefined, () => undefined);
    const folder = path.resolve('/ws');
    const settings = settingsFromObject({ exclude: ['legacy/**'], maxFileSizeKb: 1 });
    assert.deepEqual(gate.reasonToSkip(settingsFromObject({ enable: false }), 10, config, undefined, undefined), { status: { kind: 'disabled' } });
    assert.match(gate.reasonToSkip(settings, 4096, config, undefined, undefined)?.why ?? '', /over asyncCoach.maxFileSizeKb/);
    assert.equal(gate.reasonToSkip(settings, 10, config, path.join(folder, 'legacy/old.py'), folder)?.why, 'matches asyncCoach.exclude');
    assert.equal(gate.reasonToSkip(settings, 10, config, path.join(folder, 'app.py'), folder), undefined);
  });

  it('the editor\'s settings win over pyproject.toml; an unsaved buffer gets the settings alone', () => {
    const folder = path.resolve('/ws');
    const config = new ProjectConfig(() => undefined, (file) => (file === path.join(folder, 'pyproject.toml') ? '[tool.async-coach]\nseverity = { ACO101 = "hint" }\ntarget-version = "py39"\n' : undefined));
    const settings = settingsFromObject({ severity: { ACO101: 'error' } });
    const options = documentOptions(config, settings, path.join(folder, 'app.py'), folder);
    assert.deepEqual(options.severity, { ACO101: 'error' });
    assert.equal(options.targetVersion, 'py39', 'auto leaves the version to the file');
    assert.equal(documentOptions(config, settings, undefined, undefined).targetVersion, undefined);
  });
});
