#!/usr/bin/env python3
"""Copies a tree of Python code and rewrites each `asyncio.gather` of two or more calls into consecutive awaits.

Code written to run concurrently is the best positive set for ACO101: its authors already decided the calls
are independent. This script undoes that decision so the linter can be asked to find it again:

    a, b = await asyncio.gather(f(x), g(y))   ->   a = await f(x)
                                                   b = await g(y)
    rs = await asyncio.gather(f(), g())        ->   _gathered_0 = await f()
                                                   _gathered_1 = await g()
                                                   rs = [_gathered_0, _gathered_1]
    return await asyncio.gather(f(), g())      ->   (the same, then `return [...]`)
    await asyncio.gather(f(), g())             ->   await f() / await g()   (form "bare")

Only gathers whose positional arguments are all calls (no `*coros`, no task variables) are rewritten;
keyword arguments (`return_exceptions=True`) are dropped, which is fine for a measurement.

Usage: rewrite_gathers.py SRC_DIR OUT_DIR [--include-tests]
Writes the rewritten copy of every .py file with a rewrite under OUT_DIR (same relative paths, other
files untouched are copied too, so imports between files still resolve) and OUT_DIR/sites.json: one entry per
rewrite with the file, the first and last line of the rewritten statements (1-based) and the form.
"""
import ast
import json
import os
import re
import shutil
import sys

TEST_FILE = re.compile(r"(^|/)(tests?/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)")


def is_gather(func: ast.expr) -> bool:
    if isinstance(func, ast.Attribute):
        return func.attr == "gather" and isinstance(func.value, ast.Name) and func.value.id == "asyncio"
    return isinstance(func, ast.Name) and func.id == "gather"


def gather_calls(value: ast.expr):
    """The call arguments of `await gather(c1, c2, ...)`, or None."""
    if not isinstance(value, ast.Await) or not isinstance(value.value, ast.Call):
        return None
    call = value.value
    if not is_gather(call.func) or len(call.args) < 2:
        return None
    if not all(isinstance(a, ast.Call) for a in call.args):
        return None
    return call.args


def rewrite_statement(stmt: ast.stmt, source_lines, counter):
    """New lines for one statement, or None when it is not a gather of calls."""
    indent = re.match(r"\s*", source_lines[stmt.lineno - 1]).group(0)
    seg = lambda node: ast.get_source_segment("".join(source_lines), node)  # noqa: E731
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        calls = gather_calls(stmt.value)
        if calls is None:
            return None
        target = stmt.targets[0]
        if isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) == len(calls) and not any(isinstance(e, ast.Starred) for e in target.elts):
            return "tuple", [f"{indent}{seg(t)} = await {seg(c)}" for t, c in zip(target.elts, calls)]
        names = [f"_gathered_{counter + i}" for i in range(len(calls))]
        lines = [f"{indent}{n} = await {seg(c)}" for n, c in zip(names, calls)]
        return "list", lines + [f"{indent}{seg(target)} = [{', '.join(names)}]"]
    if isinstance(stmt, ast.Return) and stmt.value is not None:
        calls = gather_calls(stmt.value)
        if calls is None:
            return None
        names = [f"_gathered_{counter + i}" for i in range(len(calls))]
        lines = [f"{indent}{n} = await {seg(c)}" for n, c in zip(names, calls)]
        return "return", lines + [f"{indent}return [{', '.join(names)}]"]
    if isinstance(stmt, ast.Expr):
        calls = gather_calls(stmt.value)
        if calls is None:
            return None
        return "bare", [f"{indent}await {seg(c)}" for c in calls]
    return None


def single_line(text: str) -> str:
    """Joins a multi-line call onto one line (inside brackets newlines carry no meaning)."""
    return re.sub(r"\s*\n\s*", " ", text)


def rewrite_file(path: str, rel: str):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None, []
    lines = text.splitlines(keepends=True)
    found = []
    counter = 0
    for node in ast.walk(tree):
        if not isinstance(node, (ast.AsyncFunctionDef,)):
            continue
        for stmt in ast.walk(node):
            if not isinstance(stmt, (ast.Assign, ast.Return, ast.Expr)):
                continue
            # Only statements that start their line (not `x = 1; y = await gather(...)`).
            if lines[stmt.lineno - 1][: stmt.col_offset].strip():
                continue
            result = rewrite_statement(stmt, lines, counter)
            if result is None:
                continue
            form, new_lines = result
            counter += len(new_lines)
            found.append((stmt.lineno, stmt.end_lineno, form, [single_line(l) for l in new_lines]))
    if not found:
        return None, []
    found = sorted({(s, e): (s, e, f, n) for s, e, f, n in found}.values())
    out = []
    sites = []
    cursor = 1
    for start, end, form, new_lines in found:
        if start < cursor:
            continue  # nested in a rewritten statement
        out.extend(lines[cursor - 1 : start - 1])
        first = len(out) + 1
        out.extend(l + "\n" for l in new_lines)
        sites.append({"file": rel, "originalLine": start, "line": first, "endLine": first + len(new_lines) - 1, "form": form, "calls": len(new_lines) - (1 if form in ("list", "return") else 0)})
        cursor = end + 1
    out.extend(lines[cursor - 1 :])
    return "".join(out), sites


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    include_tests = "--include-tests" in argv
    if len(args) != 2:
        print("usage: rewrite_gathers.py SRC_DIR OUT_DIR [--include-tests]", file=sys.stderr)
        return 2
    src, out = (os.path.abspath(a) for a in args)
    if out == src or out.startswith(src + os.sep):
        print("OUT_DIR must lie outside SRC_DIR", file=sys.stderr)
        return 2
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(src, out, ignore=shutil.ignore_patterns(".git", "node_modules", "__pycache__"))
    all_sites = []
    for root, dirs, files in os.walk(src):
        dirs[:] = sorted(d for d in dirs if d not in (".git", "node_modules", "__pycache__"))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, src).replace(os.sep, "/")
            if not include_tests and TEST_FILE.search(rel):
                continue
            try:
                new_text, sites = rewrite_file(path, rel)
            except (UnicodeDecodeError, OSError):
                continue
            if new_text is None:
                continue
            with open(os.path.join(out, rel), "w", encoding="utf-8") as f:
                f.write(new_text)
            all_sites.extend(sites)
    with open(os.path.join(out, "sites.json"), "w", encoding="utf-8") as f:
        json.dump(all_sites, f, indent=1)
    print(f"{len(all_sites)} gathers rewritten under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
