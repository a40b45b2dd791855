"""What a suspended coroutine waits on, and which frames are the learner's own code.

When a task's step ends with a yield, the coroutine is parked on an `await` chain: its own frame
awaits a helper (`asyncio.sleep`, `Semaphore.acquire`, `StreamReader.read`...) that awaits a
future. Walking that chain tells the kind of wait and the learner's line it happens on.
"""

import asyncio
import os
import site
import sysconfig
import types

_CoroutineType = types.CoroutineType
_GeneratorType = types.GeneratorType

#: asyncio modules (file names) whose coroutines wait on locks, queues or I/O.
_LOCK_MODULES = {"locks.py": "lock", "queues.py": "queue"}
_IO_MODULES = {"streams.py", "selector_events.py", "proactor_events.py", "base_events.py", "subprocess.py",
               "unix_events.py", "windows_events.py", "sslproto.py", "staggered.py"}


class FrameFilter:
    """Tells the program's own files from the standard library, installed packages and the tracer."""

    def __init__(self, script):
        self.script_dir = os.path.dirname(os.path.abspath(script)) + os.sep
        paths = sysconfig.get_paths()
        library = {paths.get(k) for k in ("stdlib", "platstdlib", "purelib", "platlib")}
        try:
            library.update(site.getsitepackages())
            library.add(site.getusersitepackages())
        except AttributeError:  # an old virtualenv's site module
            pass
        library.add(os.path.dirname(os.path.abspath(__file__)))
        self.library = tuple(os.path.join(os.path.abspath(p), "") for p in library if p)
        self.asyncio_dir = os.path.join(os.path.dirname(os.path.abspath(asyncio.__file__)), "")
        self._user = {}

    def is_user(self, filename):
        known = self._user.get(filename)
        if known is None:
            path = os.path.abspath(filename) if not filename.startswith("<") else filename
            known = not filename.startswith("<") and (
                path.startswith(self.script_dir) or not any(path.startswith(p) for p in self.library))
            self._user[filename] = known
        return known

    def innermost_user(self, frame):
        """(file, line) of the first frame of the program's own code, from `frame` outwards."""
        while frame is not None:
            code = frame.f_code
            if self.is_user(code.co_filename):
                return code.co_filename, frame.f_lineno
            frame = frame.f_back
        return None

    def caller(self, frame):
        where = self.innermost_user(frame)
        return where if where is not None else (None, None)

    def suspended_at(self, coro):
        """Where the program's own code awaits, in a suspended coroutine."""
        frames = await_chain(coro)
        for frame in reversed(frames):
            if self.is_user(frame.f_code.co_filename):
                return frame.f_code.co_filename, frame.f_lineno
        return None


def await_chain(coro):
    """The frames of a suspended coroutine's await chain, outermost first."""
    frames = []
    obj = coro
    for _ in range(64):
        kind = type(obj)
        if kind is _CoroutineType:
            frame, nxt = obj.cr_frame, obj.cr_await
        elif kind is _GeneratorType:
            frame, nxt = obj.gi_frame, obj.gi_yieldfrom
        else:
            break
        if frame is None:
            break
        frames.append(frame)
        if nxt is None:
            break
        obj = nxt
    return frames


def describe_wait(coro, awaited, frames, now):
    """What the coroutine waits on: (kind, file, line, detail, function).

    kind: sleep (detail: the due time), task (detail: its id), gather (detail: ids), lock, queue,
    io, thread, children (a TaskGroup's), yield (a bare `sleep(0)`-style yield), future.
    file/line/function: where the program's own code awaits (the innermost of its coroutines).
    """
    chain = await_chain(coro)
    file = line = function = None
    for frame in reversed(chain):
        code = frame.f_code
        if frames.is_user(code.co_filename):
            file, line = code.co_filename, frame.f_lineno
            function = getattr(code, "co_qualname", code.co_name)
            break
    kind, detail = _classify(chain, awaited, frames.asyncio_dir, now)
    return kind, file, line, detail, function


def _classify(chain, awaited, asyncio_dir, now):
    task_id = _task_id(awaited)
    if task_id is not None:
        return "task", task_id
    children = getattr(awaited, "_children", None) if type(awaited).__name__ == "_GatheringFuture" else None
    if children is not None:
        return "gather", [i for i in (_task_id(c) for c in children) if i is not None]
    if awaited is None:
        return "yield", None
    for frame in reversed(chain):
        code = frame.f_code
        filename = code.co_filename
        if not filename.startswith(asyncio_dir):
            continue
        module = filename[len(asyncio_dir):]
        if module == "tasks.py" and code.co_name == "sleep":
            delay = frame.f_locals.get("delay")
            return "sleep", now + delay if isinstance(delay, (int, float)) and delay > 0 else now
        if module == "threads.py":
            return "thread", "asyncio.to_thread"
        if module == "taskgroups.py":
            return "children", "TaskGroup"
        if module in _LOCK_MODULES:
            return _LOCK_MODULES[module], _qualname(frame)
        if module in _IO_MODULES:
            return "io", _qualname(frame)
        return "future", _qualname(frame)
    if type(awaited).__name__ == "Future" and any(
            getattr(cb, "__name__", "") == "_call_check_cancel" for cb in _callbacks(awaited)):
        return "thread", "run_in_executor"
    return "future", None


def _task_id(obj):
    get_coro = getattr(obj, "get_coro", None)
    if get_coro is None:
        return None
    record = getattr(get_coro(), "_record", None)
    return record.id if record is not None else None


def _callbacks(future):
    try:
        return [cb[0] if isinstance(cb, tuple) else cb for cb in (future._callbacks or ())]
    except AttributeError:  # the C Future does not expose them on every version
        return []


def _qualname(frame):
    code = frame.f_code
    qualname = getattr(code, "co_qualname", None)  # Python 3.11+
    if qualname:
        return qualname
    owner = frame.f_locals.get("self")
    return f"{type(owner).__name__}.{code.co_name}" if owner is not None else code.co_name
