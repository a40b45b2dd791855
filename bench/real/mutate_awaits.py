"""Plants unawaited-coroutine bugs in a copy of a Python code base, for measuring ACO201 recall.

Removes one `await` per chosen file (at most one mutant per file per run, so mutants do not
interact) in one of two forms:

  statement  `await x.f(...)` as a whole statement        -> `x.f(...)`
  assigned   `v = await f(...)` where `v` is read later    -> `v = f(...)`

Only non-test files are mutated. Every site is classified by the kind of callee it awaits
(same-file, imported, attribute-chain, param-or-local, decorated, third-party, other), from the
syntax alone. The copy is made with hard links; mutated files are written anew, so the input
directory is never changed. Outputs belong outside the repository.

  python3 bench/real/mutate_awaits.py --corpus /work/corpus --out DIR --form statement \
      --per-base 25 --seed 1 discord.py aiohttp ...

Writes DIR/<base>/ (the mutated copy) and DIR/mutants.json (one record per mutant).
"""

import argparse
import ast
import json
import os
import random
import re
import shutil
import sys

TEST_PART = re.compile(r"^(tests?|testing|test_.*\.py|.*_test\.py|conftest\.py|examples?|docs?|benchmarks?)$")
# Decorators that leave a coroutine function a coroutine function and say nothing about wrapping.
PLAIN_DECORATORS = {"staticmethod", "classmethod", "property", "abstractmethod", "override", "overload", "final", "cached_property"}


def is_test_path(rel):
    return any(TEST_PART.match(part) for part in rel.split(os.sep))


def module_of(rel):
    parts = rel[:-3].split(os.sep)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def decorator_name(d):
    if isinstance(d, ast.Call):
        d = d.func
    if isinstance(d, ast.Attribute):
        return d.attr
    if isinstance(d, ast.Name):
        return d.id
    return "?"


def is_decorated(fn):
    return any(decorator_name(d) not in PLAIN_DECORATORS for d in fn.decorator_list)


class ProjectIndex:
    """Project-wide facts by name: which top-level packages exist, and the async defs by name."""

    def __init__(self, base, files):
        self.tops = set()
        for entry in os.listdir(base):
            if entry.endswith(".py"):
                self.tops.add(entry[:-3])
            elif os.path.isdir(os.path.join(base, entry)):
                self.tops.add(entry)
        self.defs = {}  # name -> list of (is_async, decorated)
        for rel, tree in files.items():
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self.defs.setdefault(node.name, []).append((isinstance(node, ast.AsyncFunctionDef), is_decorated(node)))

    def is_project_module(self, module, level):
        return level > 0 or (module or "").split(".")[0] in self.tops

    def decorated_async(self, name):
        found = self.defs.get(name, [])
        return bool(found) and all(is_async and decorated for is_async, decorated in found)


def parents_of(tree):
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


def enclosing(node, parents, types):
    n = parents.get(node)
    while n is not None and not isinstance(n, types):
        n = parents.get(n)
    return n


def chain_root(expr):
    links = 0
    while isinstance(expr, ast.Attribute):
        expr = expr.value
        links += 1
    return expr, links


def module_imports(tree, index):
    """Module-level (and nested) import bindings: name -> True when from the project."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                out[(a.asname or a.name).split(".")[0]] = index.is_project_module(a.name, 0)
        elif isinstance(node, ast.ImportFrom):
            for a in node.names:
                out[a.asname or a.name] = index.is_project_module(node.module, node.level)
    return out


def local_names(fn):
    """Parameters and names assigned in a function (not nested ones)."""
    names = set()
    args = fn.args
    for a in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
        if a is not None:
            names.add(a.arg)
    for node in ast.walk(fn):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def classify(call, fn, cls, tree_defs, imports, index):
    func = call.func
    if isinstance(func, ast.Name):
        name = func.id
        if name in tree_defs:
            return "decorated" if tree_defs[name] else "same-file"
        if name in imports:
            if not imports[name]:
                return "third-party"
            return "decorated" if index.decorated_async(name) else "imported"
        if fn is not None and name in local_names(fn):
            return "param-or-local"
        return "other"
    if isinstance(func, ast.Attribute):
        method = func.attr
        root, links = chain_root(func)
        if not isinstance(root, ast.Name):
            return "other"
        if root.id in ("self", "cls"):
            if index.decorated_async(method):
                return "decorated"
            if links == 1 and cls is not None and any(
                isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == method for n in cls.body
            ):
                return "same-file"
            return "attribute-chain"
        if root.id in imports:
            if not imports[root.id]:
                return "third-party"
            return "decorated" if index.decorated_async(method) else "imported"
        if fn is not None and root.id in local_names(fn):
            if method not in index.defs:
                return "third-party"
            return "decorated" if index.decorated_async(method) else "param-or-local"
        if root.id in tree_defs:
            return "same-file"
        return "other"
    return "other"


def later_uses(fn, name, after_line):
    lines = sorted(
        {n.lineno for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) and n.lineno > after_line}
    )
    return lines


def sites(rel, tree, index):
    parents = parents_of(tree)
    tree_defs = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            tree_defs[node.name] = is_decorated(node) and isinstance(node, ast.AsyncFunctionDef)
        elif isinstance(node, ast.ClassDef):
            tree_defs[node.name] = False
    imports = module_imports(tree, index)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Await) or not isinstance(node.value, ast.Call):
            continue
        if node.lineno != node.value.lineno:
            continue
        parent = parents.get(node)
        form, uses = None, []
        fn = enclosing(node, parents, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        if not isinstance(fn, ast.AsyncFunctionDef):
            continue
        if isinstance(parent, ast.Expr):
            form = "statement"
        elif isinstance(parent, ast.Assign) and parent.value is node and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
            uses = later_uses(fn, parent.targets[0].id, node.end_lineno)
            if uses:
                form = "assigned"
        if form is None:
            continue
        cls = enclosing(fn, parents, (ast.ClassDef,))
        yield {
            "file": rel,
            "line": node.lineno,
            "col": node.col_offset,
            "valueCol": node.value.col_offset,
            "form": form,
            "kind": classify(node.value, fn, cls if cls is not None and parents.get(fn) is cls else None, tree_defs, imports, index),
            "callee": ast.unparse(node.value.func),
            **({"target": parent.targets[0].id, "uses": uses} if form == "assigned" else {}),
        }


def mutate_line(text_bytes, site):
    lines = text_bytes.split(b"\n")
    line = lines[site["line"] - 1]
    removed = line[site["col"] : site["valueCol"]]
    if not removed.strip().startswith(b"await"):
        return None
    lines[site["line"] - 1] = line[: site["col"]] + line[site["valueCol"] :]
    return b"\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--form", choices=["statement", "assigned"], required=True)
    parser.add_argument("--per-base", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("bases", nargs="+")
    args = parser.parse_args()
    if os.path.exists(args.out):
        sys.exit(f"{args.out} exists: choose a fresh output directory")
    rng = random.Random(args.seed)
    mutants = []
    for base in args.bases:
        src = os.path.join(args.corpus, base)
        dst = os.path.join(args.out, base)
        shutil.copytree(src, dst, copy_function=os.link)
        trees = {}
        for dirpath, _, filenames in os.walk(src):
            for f in filenames:
                if not f.endswith(".py"):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, f), src)
                try:
                    with open(os.path.join(src, rel), "rb") as fh:
                        trees[rel] = ast.parse(fh.read())
                except (SyntaxError, ValueError):
                    continue
        index = ProjectIndex(src, trees)
        candidates = []
        for rel in sorted(trees):
            if is_test_path(rel):
                continue
            found = [s for s in sites(rel, trees[rel], index) if s["form"] == args.form]
            if found:
                candidates.append(rng.choice(found))
        rng.shuffle(candidates)
        for site in candidates[: args.per_base]:
            path = os.path.join(dst, site["file"])
            with open(path, "rb") as fh:
                mutated = mutate_line(fh.read(), site)
            if mutated is None:
                continue
            os.unlink(path)  # a hard link to the input: replace, never write through
            with open(path, "wb") as fh:
                fh.write(mutated)
            mutants.append({"base": base, **site})
    with open(os.path.join(args.out, "mutants.json"), "w") as fh:
        json.dump(mutants, fh, indent=1)
    print(f"{len(mutants)} mutants in {args.out}")


if __name__ == "__main__":
    main()
