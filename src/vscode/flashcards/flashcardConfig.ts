import * as vscode from 'vscode';
import { deckPathsForTrust, FLASHCARD_SETTING_KEYS, normalizeFlashcardSettings, type DeckPaths, type FlashcardSettings } from '../../settings/flashcardSettings';

export type { DeckPaths } from '../../settings/flashcardSettings';

/** Reads `asyncCoach.flashcards.*` (application-wide: progress is global too) and normalises it. */
export function readFlashcardSettings(): FlashcardSettings {
  const config = vscode.workspace.getConfiguration('asyncCoach');
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(FLASHCARD_SETTING_KEYS)) raw[key] = config.get(key);
  return normalizeFlashcardSettings(raw);
}

/**
 * `asyncCoach.flashcards.deckPaths` as far as this workspace's trust allows. The manifest lists it
 * under `restrictedConfigurations`, so VS Code already hides workspace values in Restricted Mode;
 * checking trust here as well keeps that true whatever the manifest says.
 */
export function readDeckPaths(): DeckPaths {
  const config = vscode.workspace.getConfiguration('asyncCoach');
  return deckPathsForTrust(config.get('flashcards.deckPaths'), config.inspect('flashcards.deckPaths') ?? {}, vscode.workspace.isTrusted);
}
