// Every snippet, expanded with its defaults (and with each choice option), is valid Python: as a
// file of its own, in the context its catalog entry names, and in the middle of other code.
import assert from 'node:assert/strict';
import { inContext, SNIPPET_CATALOG } from '../../support/snippets/catalog';
import { parseSnippet } from '../../support/snippets/grammar';
import { summarizeTabstops } from '../../support/snippets/tabstops';
import { MIDDLE_OF_CODE } from './contexts';
import { choiceVariants, insertAtMarker, inserted, packSnippets } from './pack';
import { findPython, NO_PYTHON_MESSAGE, PYTHON_RUN_LIMIT_MS, runPythonArgs } from '../python';

interface Source {
  name: string;
  source: string;
  /** Oldest Python the syntax must parse on (ast.parse's best-effort feature_version check). */
  minor: number;
}

// compile() checks the syntax a real run needs ('await' only inside async def, and so on);
// ast.parse(feature_version=...) checks the syntax against the oldest Python the catalog claims.
const COMPILE_ALL = `
import ast, json, sys
errors = {}
for item in json.load(sys.stdin):
    try:
        compile(item["source"], item["name"], "exec")
        ast.parse(item["source"], item["name"], feature_version=(3, item["minor"]))
        errors[item["name"]] = None
    except SyntaxError as e:
        errors[item["name"]] = f"{e.msg} (line {e.lineno}): {(e.text or '').strip()}"
print(json.dumps(errors))
`;

function sourcesToCompile(): Source[] {
  const sources: Source[] = [];
  for (const snippet of packSnippets()) {
    const info = SNIPPET_CATALOG[snippet.prefix];
    if (!info) continue; // the pack test reports a missing catalog entry
    const minor = Number(info.minPython.split('.')[1]);
    const text = inserted(snippet);
    sources.push({ name: `${snippet.prefix} in its context`, source: inContext(snippet.prefix, text), minor });
    const middle = MIDDLE_OF_CODE[info.placement];
    if (middle) sources.push({ name: `${snippet.prefix} in the middle of code`, source: insertAtMarker(middle, snippet), minor });
    for (const { label, values } of choiceVariants(summarizeTabstops(parseSnippet(snippet.body)))) {
      sources.push({ name: `${snippet.prefix} with ${label}`, source: inContext(snippet.prefix, inserted(snippet, { values })), minor });
    }
  }
  return sources;
}

describe('snippets compile with python3', function () {
  this.timeout(PYTHON_RUN_LIMIT_MS + 30_000);
  const sources = sourcesToCompile();
  let errors: Record<string, string | null> = {};

  before(async function () {
    const python = findPython();
    if (!python) {
      console.warn(`      ${NO_PYTHON_MESSAGE}`);
      this.skip();
    }
    const run = await runPythonArgs(python, ['-c', COMPILE_ALL], { stdin: JSON.stringify(sources) });
    assert.equal(run.timedOut, false, 'the compile script did not finish');
    assert.equal(run.code, 0, `the compile script failed:\n${run.stderr}`);
    errors = JSON.parse(run.stdout) as Record<string, string | null>;
  });

  it('compiles at least one source per snippet', () => {
    const prefixes = new Set(sources.map((s) => s.name.split(' ')[0]));
    assert.deepEqual([...prefixes].sort(), packSnippets().map((s) => s.prefix).sort());
  });

  for (const { name } of sources) {
    it(name, () => {
      assert.ok(name in errors, `not compiled: ${name}`);
      assert.equal(errors[name], null);
    });
  }
});
