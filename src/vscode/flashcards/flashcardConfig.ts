import * as vscode from 'vscode';
import { FLASHCARD_SETTING_KEYS, normalizeFlashcardSettings, type FlashcardSettings } from '../../settings/flashcardSettings';

/** Reads `asyncCoach.flashcards.*` (application-wide: progress is global too) and normalises it. */
export function readFlashcardSettings(): FlashcardSettings {
  const config = vscode.workspace.getConfiguration('asyncCoach');
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(FLASHCARD_SETTING_KEYS)) raw[key] = config.get(key);
  return normalizeFlashcardSettings(raw);
}
