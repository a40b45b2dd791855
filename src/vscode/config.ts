import * as vscode from 'vscode';
import { normalizeSettings, SETTING_KEYS, type Settings } from '../settings/settings';

/** Reads `asyncCoach.*` for a document's scope (workspace folder settings apply) and normalises it. */
export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration('asyncCoach', scope);
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(SETTING_KEYS)) raw[key] = config.get(key);
  return normalizeSettings(raw);
}
