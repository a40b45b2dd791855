import { structuredPatch } from 'diff';
import { printablePath } from './report';

/** A unified diff of one file (`--- a/path`, `+++ b/path`, hunks with 3 lines of context), as git and patch read it. */
export function unifiedDiff(file: string, before: string, after: string): string {
  const name = printablePath(file).replace(/\\/g, '/');
  const patch = structuredPatch(`a/${name}`, `b/${name}`, before, after, '', '', { context: 3 });
  const lines = [`--- a/${name}`, `+++ b/${name}`];
  for (const h of patch.hunks) lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines);
  return lines.join('\n') + '\n';
}
