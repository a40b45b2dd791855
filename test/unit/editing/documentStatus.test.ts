import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { presentStatus, type DocumentStatus } from '../../../src/editing/documentStatus';
import { repoRoot } from '../helpers';

const STATES: DocumentStatus[] = [
  { kind: 'checking' },
  { kind: 'checked', problems: 0 },
  { kind: 'checked', problems: 1 },
  { kind: 'checked', problems: 14 },
  { kind: 'disabled' },
  { kind: 'tooLarge', sizeKb: 5078, limitKb: 2048 },
  { kind: 'excluded', by: 'setting' },
  { kind: 'excluded', by: 'pyproject' },
  { kind: 'failed' },
];

describe('the language status item', () => {
  it('says each state in a few words, with the numbers that matter', () => {
    const texts = STATES.map((s) => presentStatus(s, 'onType').text);
    assert.deepEqual(texts, [
      'Async Coach: checking', 'Async Coach: no problems', 'Async Coach: 1 problem', 'Async Coach: 14 problems', 'Async Coach: off',
      'Async Coach: file too large', 'Async Coach: excluded', 'Async Coach: excluded', 'Async Coach: analysis failed',
    ]);
    assert.equal(presentStatus({ kind: 'tooLarge', sizeKb: 5078, limitKb: 2048 }, 'onType').detail, '5078 KB is over asyncCoach.maxFileSizeKb (2048 KB)');
    assert.match(presentStatus({ kind: 'checked', problems: 2 }, 'onSave').detail, /when you save/);
    assert.equal(presentStatus({ kind: 'checking' }, 'onType').busy, true);
    assert.equal(presentStatus({ kind: 'failed' }, 'onType').severity, 'error');
  });

  it('points at settings that exist in the manifest', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    const settings = STATES.map((s) => presentStatus(s, 'onType').setting).filter((s): s is string => s !== undefined);
    assert.deepEqual(settings, ['asyncCoach.enable', 'asyncCoach.maxFileSizeKb', 'asyncCoach.exclude']);
    for (const key of settings) assert.ok(key in manifest.contributes.configuration.properties, key);
  });
});
