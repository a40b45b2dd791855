import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deckPathsForTrust } from '../../../src/settings/flashcardSettings';
import { repoRoot } from '../helpers';

describe('asyncCoach.flashcards.deckPaths and workspace trust', () => {
  it('reads every path in a trusted workspace', () => {
    assert.deepEqual(deckPathsForTrust(['decks', ' /home/me/cards.json '], { globalValue: ['/home/me/cards.json'], workspaceValue: ['decks'] }, true), {
      paths: ['decks', '/home/me/cards.json'],
      ignoredUntilTrusted: 0,
    });
  });

  it('reads only the user\'s own paths in an untrusted workspace, and counts the ones left out (issue 17)', () => {
    const inspected = { globalValue: ['/home/me/cards.json'], workspaceValue: ['/dev/zero', '/etc/passwd'], workspaceFolderValue: ['/dev/zero', 'fifo.json'] };
    assert.deepEqual(deckPathsForTrust(['/dev/zero', '/etc/passwd'], inspected, false), { paths: ['/home/me/cards.json'], ignoredUntilTrusted: 3 });
    assert.deepEqual(deckPathsForTrust(undefined, {}, false), { paths: [], ignoredUntilTrusted: 0 });
    assert.deepEqual(deckPathsForTrust('not a list', { workspaceValue: 42 }, false), { paths: [], ignoredUntilTrusted: 0 });
  });

  it('is a restricted setting in the manifest, so VS Code hides workspace values in Restricted Mode too', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: unknown } };
    };
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.ok(Array.isArray(untrusted.restrictedConfigurations) && untrusted.restrictedConfigurations.includes('asyncCoach.flashcards.deckPaths'));
  });
});
