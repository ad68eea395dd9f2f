"""No sample-plan literal in logic: no year of the sample plans (2010-2024), programme word ("nghèo") or sample
place in a string or number constant of handlers/ or storage/ code. Docstrings may keep examples; comments are
not constants. "The past" is relative to the plan and the clock; examples come from the database."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("handlers", "storage")
SAMPLE = re.compile(
    r"20(?:1\d|2[0-4])|ngheo|nghèo"
    r"|xu[aâ]n b[aá]i|th[oọ] l[aâ]m|th[oọ] xu[aâ]n|[dđ][oồ]ng th[aá]p|t[aâ]n m[oộ]c|l[uụ]c ng[aạ]n"
    r"|tr[aà] l[aâ]m|tr[aà] b[oồ]ng|v[iĩ]nh y[eê]n|b[iì]nh gia|lam s[oơ]n|sao v[aà]ng",
    re.IGNORECASE,
)
# (path, constant) pairs that are truly general, each with why. None today: the national catalogs' years are
# derived from the reform day (storage/units/catalog_files.py), the rest comes from the loaded plans.
ALLOWED: set[tuple[str, str]] = set()


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring constants of a module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def literals(source: str) -> list[tuple[int, str]]:
    """(line, value) of each string or number constant outside docstrings that names a sample literal."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        named = isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float))
        if named and id(node) not in skip and not isinstance(node.value, bool) and SAMPLE.search(str(node.value)):
            out.append((node.lineno, str(node.value)))
    return out


def test_the_scan_finds_constants_and_spares_docstrings_and_comments() -> None:
    source = '''"""Plans of 2024 about giảm nghèo."""
YEAR = 2024  # a comment may say 2023
def f(x):
    """ "xã Xuân Bái" as an example."""
    return x + f"ví dụ xã {x} Thọ Lâm" + "nam 2019"
'''
    assert [line for line, _ in literals(source)] == [2, 5, 5]
    assert literals('"""Only a docstring: năm 2024."""\nLIMIT = 2025  # the reform year is no sample year\n') == []


def test_no_sample_literal_in_handlers_or_storage() -> None:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            for line, value in literals(path.read_text(encoding="utf-8")):
                if (relative, value) not in ALLOWED:
                    found.append(f"{relative}:{line}: {value[:80]!r}")
    assert not found, "sample-plan literals in code:\n" + "\n".join(found)
