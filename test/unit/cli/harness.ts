import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type CheckArgs } from '../../../src/cli/args';
import { inProcessChecker, runCheck } from '../../../src/cli/check';
import { docsHelp } from '../../../src/cli/format/sarif';
import { repoRoot, testParser } from '../helpers';

export interface Run {
  code: number;
  stdout: string;
  stderr: string[];
}

/** Rule help read from the repository's docs pages, linked on a placeholder site. */
export const TEST_HELP = docsHelp('https://example.org/async-coach', (slug) => {
  try {
    return readFileSync(path.join(repoRoot(), 'media', 'docs', `${slug}.md`), 'utf8');
  } catch {
    return undefined;
  }
});

/** Runs `async-coach check ARGS` in `cwd` with captured output, in this process. */
export async function check(cwd: string, ...argv: string[]): Promise<Run> {
  const args = parseArgs(['check', ...argv]) as CheckArgs;
  let stdout = '';
  const stderr: string[] = [];
  const code = await runCheck(args, inProcessChecker(await testParser(), TEST_HELP), { stdout: (s) => (stdout += s), stderr: (l) => stderr.push(l), cwd, colorByDefault: false }, '0.0.0-test');
  return { code, stdout, stderr };
}

export function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

