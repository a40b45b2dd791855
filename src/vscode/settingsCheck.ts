import * as vscode from 'vscode';
import { severityProblems } from '../settings/settings';

/**
 * Warns about settings Async Coach has to ignore (today: rule codes in `asyncCoach.severity` that
 * name no rule, such as `ACO103`, and unknown levels), in the log and once in a notification with
 * a button to the setting, at activation and whenever the setting changes. pyproject.toml gets the
 * same check when it is read.
 */
export function registerSettingsCheck(log: vscode.LogOutputChannel): vscode.Disposable {
  const notified = new Set<string>();
  const check = (): void => {
    const scopes: (vscode.ConfigurationScope | undefined)[] = [undefined, ...(vscode.workspace.workspaceFolders ?? [])];
    const problems = new Set(scopes.flatMap((scope) => severityProblems(vscode.workspace.getConfiguration('asyncCoach', scope).get('severity'))));
    const fresh = [...problems].filter((p) => !notified.has(p));
    for (const p of fresh) {
      log.warn(p);
      notified.add(p);
    }
    if (fresh.length === 0) return;
    const text = fresh.length === 1 ? `Async Coach: ${fresh[0]}.` : `Async Coach ignores ${fresh.length} entries of asyncCoach.severity (the log lists them).`;
    void vscode.window.showWarningMessage(text, 'Open Settings', 'Show Log').then((choice) => {
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'asyncCoach.severity');
      if (choice === 'Show Log') log.show();
    });
  };
  check();
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('asyncCoach.severity')) check();
  });
}
