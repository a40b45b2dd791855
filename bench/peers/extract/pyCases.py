"""Reads Python test sources on stdin and prints the code snippets they test, as JSON.

fixit:  {"RuleClass": {"valid": [code...], "invalid": [{"code", "line"}...]}} from the VALID and
        INVALID lists of each lint rule class (snippets dedented, as the rule's tests run them).
wemake: [{"name", "code", "violations": [...]}] for test functions parametrized over module-level
        `code` strings that assert `assert_errors(visitor, [Violations...])` ([] means no error).
Only literal strings are read; anything else is skipped.
"""
import ast
import json
import sys
import textwrap


def literal(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def fixit(tree):
    rules = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        cases = {"valid": [], "invalid": []}
        for stmt in cls.body:
            target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
            if not isinstance(target, ast.Name) or target.id not in ("VALID", "INVALID"):
                continue
            for item in getattr(stmt.value, "elts", []):
                if not isinstance(item, ast.Call):
                    continue
                keywords = {k.arg: k.value for k in item.keywords}
                code = literal(item.args[0]) if item.args else literal(keywords.get("code"))
                if code is None:
                    continue
                code = textwrap.dedent(code)
                if target.id == "VALID":
                    cases["valid"].append(code)
                else:
                    line = keywords.get("line")
                    cases["invalid"].append({"code": code, "line": line.value if isinstance(line, ast.Constant) else None})
        if cases["valid"] or cases["invalid"]:
            rules[cls.name] = cases
    return rules


def wemake(tree):
    strings = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            value = literal(stmt.value)
            if value is not None:
                strings[stmt.targets[0].id] = value
    out = []
    for fn in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
        names = []
        for deco in fn.decorator_list:
            if isinstance(deco, ast.Call) and len(deco.args) == 2 and literal(deco.args[0]) == "code":
                names = [e.id for e in getattr(deco.args[1], "elts", []) if isinstance(e, ast.Name)]
        violations = None
        for node in ast.walk(fn):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "assert_errors" and len(node.args) >= 2:
                listed = node.args[1]
                if isinstance(listed, ast.List):
                    violations = [e.id for e in listed.elts if isinstance(e, ast.Name)]
        if violations is None:
            continue
        for name in names:
            if name in strings:
                out.append({"name": name, "code": strings[name], "violations": violations})
    return out


if __name__ == "__main__":
    tree = ast.parse(sys.stdin.read())
    print(json.dumps(fixit(tree) if sys.argv[1] == "fixit" else wemake(tree)))
