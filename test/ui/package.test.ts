import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import yauzl from 'yauzl';

/** Entry names of a zip file (a .vsix is a zip). */
function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('the packaged .vsix', function () {
  const vsix = process.env.ASYNC_COACH_VSIX;
  before(function () {
    if (!vsix) this.skip();
  });

  it('contains only what runs: dist, media, snippets, manifest, README, CHANGELOG, LICENSE', async () => {
    const files = (await zipEntries(vsix!)).filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
    const allowed = /^(dist\/[^/]+\.(js|wasm)|media\/.+|snippets\/.+\.json|package\.json|readme\.md|changelog\.md|LICENSE(\.txt)?)$/i;
    const unexpected = files.filter((f) => !allowed.test(f));
    assert.deepEqual(unexpected, [], `unexpected files in the .vsix: ${unexpected.join(', ')}`);
    for (const needed of ['package.json', 'dist/extension.js', 'dist/cli.js', 'dist/tree-sitter-python.wasm', 'dist/web-tree-sitter.wasm', 'snippets/python-asyncio.json']) {
      assert.ok(files.includes(needed), `${needed} missing from the .vsix`);
    }
    assert.ok(!files.some((f) => f.endsWith('.map') || f.startsWith('src/') || f.startsWith('node_modules/')), 'no sources, maps or node_modules');
    console.log(`      .vsix: ${files.length} files, ${(statSync(vsix!).size / 1024).toFixed(1)} KB`);
  });
});
