// Where each kind of snippet is placed to compile and lint it "in the middle of code": a module
// with code before and after it, or deep inside a method, as the editor would indent it there.
import type { SnippetPlacement } from '../../support/snippets/catalog';

export const MIDDLE_OF_CODE: Partial<Record<SnippetPlacement, string>> = {
  module: [
    'import asyncio',
    'import time',
    '',
    'RETRIES = 3',
    '',
    '',
    '# <snippet>',
    '',
    '',
    'def after() -> int:',
    '    return RETRIES',
    '',
  ].join('\n'),
  'async-body': [
    'import asyncio',
    '',
    '',
    'class Service:',
    '    async def handle(self, fetch, items):',
    '        if items:',
    '            # <snippet>',
    '        return None',
    '',
  ].join('\n'),
};
