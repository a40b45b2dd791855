// Our snippets are our own advice: expanded, they must give no Async Coach finding, alone, in
// their context and in the middle of code. The check grows stricter as rules join ALL_RULES.
import assert from 'node:assert/strict';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { inContext, SNIPPET_CATALOG } from '../../support/snippets/catalog';
import { parseSnippet } from '../../support/snippets/grammar';
import { summarizeTabstops } from '../../support/snippets/tabstops';
import { testParser } from '../helpers';
import { MIDDLE_OF_CODE } from './contexts';
import { choiceVariants, insertAtMarker, inserted, packSnippets } from './pack';

function describeFindings(source: string, findings: ReturnType<typeof analyzeSource>['findings']): string {
  const lines = source.split('\n');
  return findings.map((f) => `${f.code} line ${f.range.start.line + 1}: ${f.message}\n    ${lines[f.range.start.line]?.trim()}`).join('\n');
}

async function assertClean(source: string): Promise<void> {
  const { findings, syntaxErrors } = analyzeSource(await testParser(), source);
  assert.deepEqual(syntaxErrors, [], `tree-sitter found syntax errors in:\n${source}`);
  assert.equal(findings.length, 0, `findings:\n${describeFindings(source, findings)}\nin:\n${source}`);
}

describe('snippets pass the Async Coach analyzer', () => {
  for (const snippet of packSnippets()) {
    const placement = SNIPPET_CATALOG[snippet.prefix]?.placement;
    describe(snippet.prefix, () => {
      it('no finding when inserted alone into an empty file', async () => {
        const source = inserted(snippet);
        const { findings } = analyzeSource(await testParser(), source);
        assert.equal(findings.length, 0, describeFindings(source, findings));
      });

      it('no finding and no syntax error in its context', async () => {
        await assertClean(inContext(snippet.prefix, inserted(snippet)));
      });

      const middle = placement && MIDDLE_OF_CODE[placement];
      if (middle) {
        it('no finding in the middle of code', async () => {
          await assertClean(insertAtMarker(middle, snippet));
        });
      }

      for (const { label, values } of choiceVariants(summarizeTabstops(parseSnippet(snippet.body)))) {
        it(`no finding with ${label}`, async () => {
          await assertClean(inContext(snippet.prefix, inserted(snippet, { values })));
        });
      }
    });
  }

  it('would notice a finding: the same check fails on asyncio.run inside a coroutine', async () => {
    const wrong = inContext('aio-gather', 'results = asyncio.run(fetch_all())');
    await assert.rejects(assertClean(wrong), /ACO302/);
  });
});
