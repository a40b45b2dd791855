import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { docSections, hoverMarkdown, timeEffect } from '../../../src/editing/hoverText';
import type { Finding } from '../../../src/analysis/types';
import { ALL_RULES } from '../../../src/analysis/rules';
import { repoRoot } from '../helpers';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const sample: Finding = { code: 'ACO302', name: 'nested-asyncio-run', severity: 'error', message: 'asyncio.run() inside `load` <raises>', range, fixes: [], related: [] };

function docsPage(slug: string): string {
  return readFileSync(path.join(repoRoot(), 'media', 'docs', `${slug}.md`), 'utf8');
}

describe('hover text from the rule docs pages', () => {
  it('every rule has a docs page with the sections the hover quotes', () => {
    for (const rule of ALL_RULES) {
      const sections = docSections(docsPage(rule.meta.docsSlug));
      for (const heading of ['What it flags', 'What happens at run time', 'What to do', 'When it does not fire', 'Silence it']) {
        assert.ok(sections.get(heading), `${rule.meta.docsSlug}.md lacks "## ${heading}"`);
      }
    }
  });

  it('does not split sections on "##" inside code fences', () => {
    const sections = docSections('## A\ntext\n```python\n## not a heading\n```\n## B\nmore\n');
    assert.deepEqual([...sections.keys()], ['A', 'B']);
    assert.match(sections.get('A')!, /not a heading/);
  });

  it('shows the advice of the docs page, the run-time effect, a before/after sample and both links', () => {
    const md = hoverMarkdown(sample, docsPage('ACO302-nested-asyncio-run'), { docs: 'command:docs', study: 'command:study' });
    assert.match(md, /^\*\*ACO302 nested-asyncio-run\*\* · error/);
    assert.match(md, /\*\*What to do:\*\* Inside a coroutine, await the coroutine instead/);
    assert.match(md, /\*\*At run time:\*\* `asyncio\.run\(\)` creates a new event loop/);
    assert.match(md, /```python\n# Before\n/);
    assert.match(md, /\[Rule documentation\]\(command:docs\) · \[Study this card\]\(command:study\)/);
  });

  it("puts the finding's own explanation first, in place of the docs' general advice", () => {
    const detail = 'asyncio.run() is the entry point; inside a coroutine, write `await fetch(1)`.';
    const md = hoverMarkdown({ ...sample, detail }, docsPage('ACO302-nested-asyncio-run'), { docs: 'x' });
    assert.ok(md.startsWith(`**ACO302 nested-asyncio-run** · error\n\n${detail}\n\n**At run time:**`), md);
    assert.doesNotMatch(md, /\*\*What to do:\*\*/);
    assert.match(md, /# Before/, 'the sample stays');
  });

  it('does not repeat the diagnostic message, which VS Code shows above the hover', () => {
    const md = hoverMarkdown(sample, undefined, { docs: 'x' });
    assert.doesNotMatch(md, /raises/);
    assert.equal(md, '**ACO302 nested-asyncio-run** · error\n\n[Rule documentation](x)');
  });

  it('estimates the time effect of a run of sequential awaits from its length', () => {
    const related = [1, 2, 3].map((n) => ({ range, message: `await ${n}` }));
    assert.match(timeEffect({ ...sample, code: 'ACO101', related })!, /about 3 s one after another → about 1 s together/);
    assert.equal(timeEffect(sample), undefined);
  });
});
