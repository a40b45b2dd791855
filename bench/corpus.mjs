// @ts-check
// Corpora for the benchmarks. Corpus A: every .py file containing `async def`
// under the directory of the local Python's standard library (site-packages included).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Corpus A from `dir`, or from the local python3; undefined when neither is there.
 * @param {string | undefined} dir
 * @returns {{ label: string, files: string[] } | undefined}
 */
export function corpusFiles(dir) {
  let base = dir;
  if (!base) {
    try {
      base = execFileSync('python3', ['-c', 'import asyncio, os; print(os.path.dirname(os.path.dirname(asyncio.__file__)))'], { encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  }
  /** @type {string[]} */
  const files = [];
  walk(base, files);
  const withAsync = files.filter((f) => readFileSync(f, 'utf8').includes('async def')).sort();
  return { label: `corpus A (${base})`, files: withAsync };
}

/** @param {string} dir @param {string[]} out */
function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.isFile() && e.name.endsWith('.py')) out.push(full);
  }
}

/**
 * A generated stand-in for corpus A: 200 modules of service-style async code.
 * @param {string} work
 * @returns {string[]}
 */
export function generatedCorpus(work) {
  const dir = path.join(work, 'generated');
  mkdirSync(dir, { recursive: true });
  /** @type {string[]} */
  const files = [];
  for (let m = 0; m < 200; m++) {
    const parts = ['"""Generated module ' + m + '."""', 'import asyncio', 'import json', ''];
    for (let i = 0; i < 40; i++) {
      parts.push(
        `class Service${i}:`,
        '    def __init__(self, client):',
        '        self.client = client',
        '        self.lock = asyncio.Lock()',
        '',
        `    async def fetch(self, key):`,
        '        async with self.lock:',
        '            response = await self.client.get(f"/items/{key}")',
        '        return json.loads(response)',
        '',
        `    def describe(self, items):`,
        '        return ", ".join(str(i) for i in items if i)',
        '',
        '',
        `async def load_${i}(service, keys):`,
        '    results = []',
        '    for key in keys:',
        '        results.append(await service.fetch(key))',
        '    first = await service.fetch(keys[0])',
        '    return first, results',
        '',
        '',
      );
    }
    const file = path.join(dir, `module_${m}.py`);
    writeFileSync(file, parts.join('\n'));
    files.push(file);
  }
  return files;
}

/**
 * A file of at least 10,000 lines: corpus files joined in order.
 * @param {readonly string[]} files
 * @param {string} work
 */
export function tenThousandLines(files, work) {
  const chunks = [];
  let lines = 0;
  for (const f of files) {
    if (lines >= 10000) break;
    const text = readFileSync(f, 'utf8');
    chunks.push(text.endsWith('\n') ? text : text + '\n');
    lines += text.split('\n').length;
  }
  const file = path.join(work, 'ten_thousand_lines.py');
  writeFileSync(file, chunks.join(''));
  return file;
}

