import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeSource } from '../../../src/analysis/analyzer';
import { decodeSource, isSkipped } from '../../../src/cli/source';
import { testParser } from '../helpers';
import { pythonLibFiles } from './pythonCorpus';

/**
 * The local Python's library tree as a robustness corpus: every file with `async def` (corpus A)
 * and a fixed sample of all the others (corpus B is too big for a unit run; `npm run bench` reads
 * all of corpus A). Asserts only that analysis never throws and positions stay in the text.
 */
describe('corpus: the local Python library', function () {
  this.timeout(600_000); // a hang guard: about 5 s on a quiet machine, many times that on a loaded one
  const corpus = pythonLibFiles();

  before(function () {
    if (!corpus) {
      console.log('    (skipped: python3 not found, so there is no local library tree to read)');
      this.skip();
    }
  });

  function check(files: readonly string[]): Promise<number> {
    return testParser().then((parser) => {
      let analysed = 0;
      for (const file of files) {
        const decoded = decodeSource(file, readFileSync(file));
        if (isSkipped(decoded)) continue;
        const lines = decoded.text.split('\n');
        let result;
        try {
          result = analyzeSource(parser, decoded.text);
        } catch (err) {
          assert.fail(`${file}: ${err instanceof Error ? err.stack : String(err)}`);
        }
        assert.deepEqual(result.internalErrors, [], file);
        for (const f of result.findings) assert.ok(f.range.start.line < lines.length, `${file}: ${f.code} past the end`);
        analysed++;
      }
      return analysed;
    });
  }

  it('analyses every file containing async def (corpus A) without an exception', async () => {
    const files = corpus!.asyncFiles;
    assert.ok(files.length > 0);
    assert.equal(await check(files), files.filter((f) => !isSkipped(decodeSource(f, readFileSync(f)))).length);
  });

  it('analyses a fixed sample of the rest of the library without an exception', async () => {
    const rest = corpus!.allFiles.filter((_, i) => i % 40 === 0);
    assert.ok((await check(rest)) > 0);
  });
});
