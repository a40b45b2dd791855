// @ts-check
// Builds the four targets with esbuild: the extension (node/cjs, `vscode` external), the CLI (node)
// and the two webviews, flashcards and timeline (browser/iife). `--production` minifies; dev builds
// carry sourcemaps.
// The tree-sitter wasm files are copied next to the bundles, where the parser loader looks for them.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  absWorkingDir: root,
};

// web-tree-sitter's ESM build locates itself with `import.meta.url`, which is empty in a CJS
// bundle: point it at the bundle file (the wasm files sit next to it in dist/).
const importMetaUrl = "const __importMetaUrl = require('url').pathToFileURL(__filename).href;";
/** @type {import('esbuild').BuildOptions} */
const nodeTarget = { platform: 'node', format: 'cjs', target: 'node20', define: { 'import.meta.url': '__importMetaUrl' } };

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', ...nodeTarget, external: ['vscode'], banner: { js: importMetaUrl } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', ...nodeTarget, banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` } },
];
if (existsSync(path.join(root, 'src/webview/main.ts'))) {
  targets.push({ ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' });
}
// The timeline panel ("See it run") is a page of its own.
targets.push({ ...common, entryPoints: ['src/webview/timeline/main.ts'], outfile: 'dist/timeline.js', platform: 'browser', format: 'iife', target: 'es2022' });

function copyWasm() {
  mkdirSync(dist, { recursive: true });
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), path.join(dist, 'web-tree-sitter.wasm'));
  copyFileSync(path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'), path.join(dist, 'tree-sitter-python.wasm'));
}

copyWasm();
if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[build] watching for changes');
} else {
  const started = Date.now();
  await Promise.all(targets.map((t) => esbuild.build(t)));
  console.log(`[build] ${targets.length} targets${production ? ' (production)' : ''} in ${Date.now() - started} ms`);
}
