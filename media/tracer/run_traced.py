"""Async Coach's tracer: runs a Python program and writes a JSON trace of its asyncio tasks.

    python3 run_traced.py --out TRACE.json [--timeout S] [--stall S] [--sys-path DIR] SCRIPT [ARG...]

The program runs as `python3 SCRIPT ARG...` would run it (same `__main__`, argv, sys.path, output),
with every event loop recording its tasks (see coach_recorder). The trace is written when the
program ends, however it ends; at the timeout the tracer writes what it has and exits with 124.
Plain Python 3.9-3.14, standard library only.
"""

import io
import json
import linecache
import os
import runpy
import sys
import threading
import time
import tokenize
import traceback

# The tracer's own modules come first; sys.path[0] then becomes the program's folder.
from coach_recorder import MAX_STEPS, Recorder
from coach_waits import FrameFilter

TRACE_VERSION = 1
TIMEOUT_EXIT = 124
TOO_OLD_EXIT = 3


def main(argv):
    if sys.version_info < (3, 9):
        sys.stderr.write(f"Async Coach's tracer needs Python 3.9 or later; this is {python_version()}.\n")
        return TOO_OLD_EXIT
    options, script, args = parse_args(argv)
    script = os.path.abspath(script)
    frames = FrameFilter(script)
    recorder = Recorder(options["stall"], frames)
    state = {"written": False, "lock": threading.Lock(), "started": time.perf_counter()}
    recorder.install()
    watchdog = threading.Thread(target=watch, args=(recorder, options, state, script), name="async-coach-watchdog", daemon=True)
    watchdog.start()

    sys.argv = [script] + args
    sys.path[0] = os.path.abspath(options["sys_path"] or os.path.dirname(script))
    exit_code, error = run(script, frames)
    write_once(recorder, options["out"], state, script, {"code": exit_code, "error": error}, stopped=None)
    return exit_code


def parse_args(argv):
    options = {"out": None, "timeout": 0.0, "stall": 0.1, "sys_path": None}
    flags = {"--out": "out", "--timeout": "timeout", "--stall": "stall", "--sys-path": "sys_path"}
    i = 0
    while i < len(argv) and argv[i] in flags:
        if i + 1 >= len(argv):
            usage(f"{argv[i]} needs a value")
        key = flags[argv[i]]
        value = argv[i + 1]
        if key in ("timeout", "stall"):
            try:
                options[key] = float(value)
            except ValueError:
                usage(f"{argv[i]} needs a number of seconds, not {value!r}")
        else:
            options[key] = value
        i += 2
    if argv[i:i + 1] == ["--"]:
        i += 1
    if options["out"] is None or i >= len(argv):
        usage("give --out TRACE.json and the script to run")
    return options, argv[i], argv[i + 1:]


def usage(message):
    sys.stderr.write(f"run_traced.py: {message}\n{__doc__.splitlines()[2].strip()}\n")
    sys.exit(2)


def run(script, frames):
    """Runs the program; returns (exit code, the uncaught error as text or None)."""
    try:
        runpy.run_path(script, run_name="__main__")
        return 0, None
    except SystemExit as exc:
        code = exc.code
        if code is None or isinstance(code, int):
            return code or 0, None
        sys.stderr.write(f"{code}\n")
        return 1, None
    except KeyboardInterrupt:
        sys.stderr.write("KeyboardInterrupt\n")
        return 130, "KeyboardInterrupt"
    except BaseException as exc:  # noqa: B902 - report it as Python would, without our frames
        print_program_traceback(exc, frames)
        text = str(exc)
        return 1, f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def print_program_traceback(exc, frames):
    tracer_dir = os.path.dirname(os.path.abspath(__file__))
    tb = exc.__traceback__
    # Skip this file and runpy, down to the program's first frame.
    while tb is not None and not frames.is_user(tb.tb_frame.f_code.co_filename):
        tb = tb.tb_next
    lines = traceback.format_exception(type(exc), exc, tb)
    sys.stderr.write("".join(line for line in lines if tracer_dir not in line))


def watch(recorder, options, state, script):
    """The watchdog: samples the line of any step that runs too long, and enforces the timeout."""
    interval = max(0.005, min(0.025, recorder.stall_threshold / 4))
    deadline = state["started"] + options["timeout"] if options["timeout"] > 0 else None
    while True:
        time.sleep(interval)
        now = time.perf_counter()
        if deadline is not None and now >= deadline:
            write_once(recorder, options["out"], state, script, {"code": TIMEOUT_EXIT, "error": None}, stopped="timeout")
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except Exception:  # noqa: BLE001 - the process ends either way
                    pass
            os._exit(TIMEOUT_EXIT)
        try:
            recorder.sample_blocked_steps(now)
        except Exception:  # noqa: BLE001 - a missed sample must not stop the watchdog
            pass


def write_once(recorder, out, state, script, exit_info, stopped):
    """Writes the trace (once: the program's end and the timeout may race) atomically."""
    with state["lock"]:
        if state["written"]:
            return
        state["written"] = True
        now = time.perf_counter()
        for _ in range(3):  # the program's threads may still append while the timeout copies
            try:
                trace = build_trace(recorder, script, exit_info, stopped, now)
                break
            except RuntimeError:
                continue
        else:
            trace = {"version": TRACE_VERSION, "error": "the trace could not be copied"}
        partial = out + ".partial"
        with open(partial, "w", encoding="utf-8") as f:
            json.dump(trace, f, separators=(",", ":"), allow_nan=False)
        os.replace(partial, out)


def build_trace(recorder, script, exit_info, stopped, now):
    origin = recorder.origin
    if origin is None:
        return {"version": TRACE_VERSION, "python": python_version(), "file": script, "total": 0, "tasks": [], "stalls": [],
                "stallThreshold": recorder.stall_threshold, "stopped": stopped, "exit": exit_info, "truncated": False, "noLoop": True}

    def t(x):
        return round(max(0.0, x - origin), 6)

    in_progress = {id(step[1]): step for step in list(recorder.running.values())}
    tasks = [task_json(r, t, in_progress.get(id(r)), now) for r in list(recorder.tasks)]
    stalls = [stall_json(s, t) for s in list(recorder.stalls)]
    # A step still running when the timeout hit (a program stuck in a blocking call) is a stall too.
    for step in in_progress.values():
        if now - step[0] >= recorder.stall_threshold:
            where = max(set(step[2]), key=step[2].count) if step[2] else None
            stalls.append(stall_json({"start": step[0], "end": now, "task": step[1].id, "where": where}, t))
    ends = [origin] + [r.end for r in recorder.tasks if r.end is not None] + [s["end"] for s in recorder.stalls]
    if recorder.last_activity is not None:
        ends.append(recorder.last_activity)
    total = t(now) if stopped else t(max(ends))
    return {"version": TRACE_VERSION, "python": python_version(), "file": script, "total": total, "tasks": tasks, "stalls": stalls,
            "stallThreshold": recorder.stall_threshold, "stopped": stopped, "exit": exit_info,
            "truncated": recorder.truncated, "maxSteps": MAX_STEPS}


def task_json(r, t, running_step, now):
    name = r.name
    if name is None and r.task is not None:
        task = r.task()
        name = task.get_name() if task is not None else None
    steps = list(r.steps)
    waits = list(r.waits)[:len(steps)]
    if running_step is not None:
        steps.append((running_step[0], now))
        waits.append(None)
    return {"id": r.id, "name": name or f"Task-{r.id}", "parent": r.parent, "coroutine": r.coroutine, "file": r.file, "line": r.line,
            "createdFile": r.created_file, "createdLine": r.created_line, "start": t(r.start),
            "end": t(r.end) if r.end is not None else None, "outcome": r.outcome, "error": r.error,
            "steps": [[t(s), t(e)] for s, e in steps], "waits": [wait_json(w, t) for w in waits]}


def wait_json(wait, t):
    if wait is None:
        return None
    kind, file, line, detail, function = wait
    out = {"kind": kind, "file": file, "line": line, "in": function}
    if kind == "sleep":
        out["due"] = t(detail)
    elif kind == "task":
        out["task"] = detail
    elif kind == "gather":
        out["tasks"] = detail
    elif detail is not None:
        out["what"] = str(detail)
    return out


def stall_json(s, t):
    file, line = s["where"] if s["where"] else (None, None)
    code = without_comment(linecache.getline(file, line)).strip() if file and line else ""
    return {"start": t(s["start"]), "end": t(s["end"]), "task": s["task"], "file": file, "line": line, "code": code[:200]}


def without_comment(line):
    """The line's code without its trailing comment (the line itself when it does not tokenize alone)."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(line).readline):
            if token.type == tokenize.COMMENT:
                return line[:token.start[1]]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    return line


def python_version():
    return ".".join(str(p) for p in sys.version_info[:3])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
