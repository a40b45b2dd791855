import assert from 'node:assert/strict';
import { FIX_ALL_KIND, kindRequested } from '../../../src/server/codeActions';

describe('code action kinds the server answers', () => {
  it('a kind is asked for by itself, by any kind above it, or when nothing is named', () => {
    assert.ok(kindRequested(undefined, 'quickfix'));
    assert.ok(kindRequested(['quickfix'], 'quickfix'));
    assert.ok(kindRequested(['source'], FIX_ALL_KIND));
    assert.ok(kindRequested(['source.fixAll'], FIX_ALL_KIND));
    assert.ok(kindRequested([FIX_ALL_KIND], FIX_ALL_KIND));
    assert.ok(!kindRequested(['source.organizeImports'], FIX_ALL_KIND));
    assert.ok(!kindRequested(['refactor'], 'quickfix'));
    assert.ok(!kindRequested(['source.fixAll.eslint'], FIX_ALL_KIND));
  });
});
