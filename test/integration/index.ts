import { appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { TEST_TIMEOUT_MS } from './helpers';

/**
 * Entry point the extension host requires when the workbench is opened with `extensionTestsPath`.
 * The host's console goes to the browser, not to the runner's terminal, so mocha's report is
 * written to the file named by ASYNC_COACH_TEST_REPORT and the runner prints it.
 */
export async function run(): Promise<void> {
  const reportFile = process.env.ASYNC_COACH_TEST_REPORT;
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void; useColors: boolean };
  if (reportFile) {
    base.consoleLog = (...args: unknown[]) => appendFileSync(reportFile, format(...args) + '\n');
  }
  base.useColors = false;
  const root = path.resolve(__dirname, '..', '..', '..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CountReporter = require(path.join(root, 'scripts', 'count-reporter.cjs')) as Mocha.ReporterConstructor;
  const mocha = new Mocha({ ui: 'bdd', timeout: TEST_TIMEOUT_MS, reporter: CountReporter, color: false });
  const grep = process.env.ASYNC_COACH_TEST_GREP;
  if (grep) mocha.grep(grep);
  const suiteDir = path.join(__dirname, 'suite');
  for (const file of readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(suiteDir, file));
  }
  await new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
