import assert from 'node:assert/strict';
import { pythonCandidates } from '../../../src/settings/pythonPath';
import { normalizeSettings } from '../../../src/settings/settings';

describe('asyncCoach.pythonPath', () => {
  it('defaults to python3 then python from PATH (python then py on Windows)', () => {
    assert.deepEqual(pythonCandidates('', '/ws', '/home/me', 'linux'), ['python3', 'python']);
    assert.deepEqual(pythonCandidates(undefined, '/ws', '/home/me', 'win32'), ['python', 'py']);
    assert.deepEqual(pythonCandidates(42, '/ws', '/home/me', 'linux'), ['python3', 'python']);
  });

  it('takes the configured interpreter alone: absolute, from the workspace folder, from home, or a name on PATH', () => {
    assert.deepEqual(pythonCandidates('/usr/bin/python3.12', '/ws', '/home/me', 'linux'), ['/usr/bin/python3.12']);
    assert.deepEqual(pythonCandidates(' .venv/bin/python ', '/ws', '/home/me', 'linux'), ['/ws/.venv/bin/python']);
    assert.deepEqual(pythonCandidates('~/py/bin/python', '/ws', '/home/me', 'linux'), ['/home/me/py/bin/python']);
    assert.deepEqual(pythonCandidates('python3.13', '/ws', '/home/me', 'linux'), ['python3.13']);
  });

  it('is read by the settings normaliser, with the timeline time limit clamped', () => {
    const s = normalizeSettings({ pythonPath: ' /opt/py ', 'timeline.timeoutSeconds': 0 });
    assert.deepEqual([s.pythonPath, s.timelineTimeoutSeconds], ['/opt/py', 1]);
    assert.equal(normalizeSettings({ 'timeline.timeoutSeconds': 99999 }).timelineTimeoutSeconds, 3600);
  });
});
