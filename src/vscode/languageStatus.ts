import * as vscode from 'vscode';
import { presentStatus } from '../editing/documentStatus';
import { COMMANDS } from './commandIds';
import { readSettings } from './config';
import type { DocumentStatus } from '../editing/documentStatus';

/** Where the status of each document comes from (the language server, through its client). */
export interface DocumentStatusSource {
  status(doc: vscode.TextDocument): DocumentStatus | undefined;
  readonly onDidChangeStatus: vscode.Event<vscode.Uri>;
}

const PYTHON: vscode.DocumentSelector = { language: 'python' };
const SEVERITY = { information: vscode.LanguageStatusSeverity.Information, warning: vscode.LanguageStatusSeverity.Warning, error: vscode.LanguageStatusSeverity.Error } as const;

/**
 * Async Coach's state for the active Python file, in the language status area next to "Python"
 * in the status bar: checking, N problems, off by setting, file too large, excluded, or failed.
 * Two items, so the log and the settings are each one click away: the state (opens the log) and
 * the settings (opens the one that decides the state, or all of Async Coach's). Their ids sort the
 * state first in the hover.
 */
export class CoachLanguageStatus implements vscode.Disposable {
  private readonly state = vscode.languages.createLanguageStatusItem('asyncCoach.status', PYTHON);
  private readonly settings = vscode.languages.createLanguageStatusItem('asyncCoach.status.settings', PYTHON);
  private readonly disposables: vscode.Disposable[] = [this.state, this.settings];

  constructor(private readonly diagnostics: DocumentStatusSource) {
    this.state.name = 'Async Coach';
    this.settings.name = 'Async Coach settings';
    this.settings.text = 'Settings';
    this.state.command = { title: 'Show Log', command: COMMANDS.showLog, tooltip: 'Open the Async Coach log' };
    this.disposables.push(
      diagnostics.onDidChangeStatus((uri) => {
        if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('asyncCoach')) this.update();
      }),
    );
    this.update();
  }

  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const status = doc ? this.diagnostics.status(doc) : undefined;
    if (!doc || !status) return; // VS Code hides the items outside Python files anyway.
    const shown = presentStatus(status, readSettings(doc).run);
    this.state.text = shown.text;
    this.state.detail = shown.detail;
    this.state.severity = SEVERITY[shown.severity];
    this.state.busy = shown.busy;
    this.state.accessibilityInformation = { label: `${shown.text}, ${shown.detail}` };
    this.settings.detail = shown.setting ?? 'asyncCoach.* and [tool.async-coach] in pyproject.toml';
    this.settings.command = {
      title: 'Open Settings',
      command: 'workbench.action.openSettings',
      arguments: [shown.setting ?? '@ext:async-coach.async-coach'],
      tooltip: shown.setting ? `Open the ${shown.setting} setting` : "Open Async Coach's settings",
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
