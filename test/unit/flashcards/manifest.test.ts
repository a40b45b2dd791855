import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHALLENGE_STEPS } from '../../../src/flashcards/challenge';
import { DEFAULT_FLASHCARD_SETTINGS, FLASHCARD_SETTING_KEYS, normalizeFlashcardSettings } from '../../../src/settings/flashcardSettings';
import { COMMANDS } from '../../../src/vscode/commandIds';
import { repoRoot } from '../helpers';

interface Step {
  id: string;
  description: string;
  media: { markdown?: string };
  completionEvents: string[];
}
interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    configuration: { properties: Record<string, { default?: unknown; minimum?: number; maximum?: number }> };
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, { id: string; type?: string }[]>;
    walkthroughs: { id: string; steps: Step[] }[];
  };
}

function manifest(): Manifest {
  return JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as Manifest;
}

describe('flashcard settings', () => {
  it('falls back to defaults for garbage and clamps numbers into range', () => {
    assert.deepEqual(normalizeFlashcardSettings({}), DEFAULT_FLASHCARD_SETTINGS);
    assert.deepEqual(normalizeFlashcardSettings({ 'flashcards.newCardsPerDay': 'many', 'flashcards.deckPaths': 'x' }), DEFAULT_FLASHCARD_SETTINGS);
    const s = normalizeFlashcardSettings({ 'flashcards.newCardsPerDay': -3, 'flashcards.learnAheadMinutes': 12.6, 'flashcards.desiredRetention': 2, 'flashcards.deckPaths': [' decks/a.json ', '', 7] });
    assert.deepEqual(s, { newCardsPerDay: 0, learnAheadMinutes: 13, desiredRetention: 0.99, deckPaths: ['decks/a.json'] });
  });

  it('matches the manifest: same keys, same defaults, same ranges', () => {
    const props = manifest().contributes.configuration.properties;
    const contributed = Object.keys(props).filter((k) => k.startsWith('asyncCoach.flashcards.')).map((k) => k.replace(/^asyncCoach\./, '')).sort();
    assert.deepEqual(contributed, Object.keys(FLASHCARD_SETTING_KEYS).sort());
    for (const [key, field] of Object.entries(FLASHCARD_SETTING_KEYS)) {
      const prop = props[`asyncCoach.${key}`];
      assert.deepEqual(prop?.default, DEFAULT_FLASHCARD_SETTINGS[field], `default of ${key}`);
      if (prop?.minimum !== undefined) assert.deepEqual(normalizeFlashcardSettings({ [key]: prop.minimum - 1 })[field], prop.minimum, `minimum of ${key}`);
      if (prop?.maximum !== undefined) assert.deepEqual(normalizeFlashcardSettings({ [key]: prop.maximum + 1 })[field], prop.maximum, `maximum of ${key}`);
    }
  });
});

describe('flashcard and walkthrough contributions', () => {
  it('contributes the view in its own activity-bar container, with an icon that exists', () => {
    const c = manifest().contributes;
    const container = c.viewsContainers.activitybar.find((v) => v.id === 'asyncCoach-flashcards');
    assert.ok(container);
    assert.ok(existsSync(path.join(repoRoot(), container.icon)));
    assert.deepEqual(c.views['asyncCoach-flashcards']?.map((v) => [v.id, v.type]), [['asyncCoach.flashcards.player', 'webview']]);
    const titles = new Map(c.commands.map((cmd) => [cmd.command, cmd.title]));
    assert.equal(titles.get(COMMANDS.studyFlashcards), 'Study Flashcards');
  });

  it('walks through the five challenge steps; each completes on the context key the checker sets', () => {
    const walkthrough = manifest().contributes.walkthroughs.find((w) => w.id === 'asyncCoach.challenge');
    assert.ok(walkthrough);
    const events = walkthrough.steps.flatMap((s) => s.completionEvents);
    for (const step of CHALLENGE_STEPS) assert.ok(events.includes(`onContext:asyncCoach.challenge.${step.id}`), `no step completes on ${step.id}`);
    assert.ok(events.includes(`onCommand:${COMMANDS.createChallenge}`));
    for (const step of walkthrough.steps) {
      if (step.media.markdown) assert.ok(existsSync(path.join(repoRoot(), step.media.markdown)), step.media.markdown);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(Object.values(COMMANDS).includes(command as never), `unknown command ${command}`);
    }
  });
});
