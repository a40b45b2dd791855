import assert from 'node:assert/strict';
import { buildSkeleton, createSkeletonCache } from '../../../src/analysis/model/skeleton';
import { grammarTables } from '../../../src/analysis/syntax/mirror';
import type { PyNode } from '../../../src/analysis/syntax/pyNode';
import { testParser } from '../helpers';

/** Two classes with one identical method, and a decorated class: the shapes the copy cache must keep apart. */
const SOURCE = [
  'import enum',
  '',
  'class Reader:',
  '    def get_protocol(self):',
  '        return self._protocol',
  '',
  '    def read(self):',
  '        return 1',
  '',
  'class Writer:',
  '    def get_protocol(self):',
  '        return self._protocol',
  '',
  '    def write(self):',
  '        return 2',
  '',
  '@enum.unique',
  'class Level(enum.IntEnum):',
  '    LOW = 1',
  '',
  'def numbers():',
  '    yield 1',
  '',
].join('\n');

/** Every node of a copy, with its position, text and parent, for a deep comparison. */
function dump(root: PyNode): string[] {
  const out: string[] = [];
  const visit = (n: PyNode, depth: number): void => {
    out.push(`${depth} ${n.type} ${n.startIndex}-${n.endIndex} ${n.parent?.type ?? '-'} ${JSON.stringify(n.text.slice(0, 30))}`);
    for (const c of n.children) visit(c, depth + 1);
  };
  visit(root, 0);
  return out;
}

describe('copies of top-level statements reused between edits', () => {
  it('equal a fresh copy after edits in one of two classes sharing a method, and before a decorated class', async () => {
    const parser = await testParser();
    const cache = createSkeletonCache();
    let text = SOURCE;
    const edits: [string, string][] = [
      ['        return 2', '        return 2 '],
      ['        return 2 ', '        return 2'],
      ['        return 1', '        return 11'],
      ['import enum', 'import enum\n'],
      ['import enum\n', 'import enum'],
    ];
    for (const [from, to] of [['', ''] as [string, string], ...edits]) {
      text = text.replace(from, to);
      const tree = parser.parse(text);
      try {
        const tables = grammarTables(tree.language);
        const reused = buildSkeleton(tree, text, tables, [], cache);
        const fresh = buildSkeleton(tree, text, tables, [], undefined);
        assert.deepEqual(dump(reused.root), dump(fresh.root), `after replacing ${JSON.stringify(from)}`);
        // A decorated class moves as one piece: its text, and so what it mentions, stays its own.
        const level = reused.root.children.find((c) => c.text.startsWith('@enum.unique'))!;
        assert.equal(level.child('definition')!.mentionsYield, false);
      } finally {
        tree.delete();
      }
    }
  });
});
