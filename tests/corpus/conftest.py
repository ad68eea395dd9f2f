"""The corpus suites: skipped, with one line saying so and how to run them, when the corpus is not there.

The corpus is the folder KEHOACH_SHARED names (default ../shared next to the repository): the sample plans
(plans/), the real plans (plans-real/), the national unit catalogs (units/) and the eval checker (eval/).
It is read at run time and never copied into the project.
"""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pytest

from tests.conftest import CORPUS_PARTS, SHARED

HERE = Path(__file__).resolve().parent
MISSING = [part for part in CORPUS_PARTS if not (SHARED / part).is_dir()]

IGNORED: set[Path] = set()  # corpus modules not even imported: some read the corpus when they load
SKIPPED: list[pytest.Item] = []  # corpus tests named on the command line, collected and then skipped


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """Leave the corpus modules unimported when the corpus is missing."""
    if MISSING and collection_path.parent == HERE and collection_path.match("test_*.py"):
        IGNORED.add(collection_path)
        return True
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip corpus tests named on the command line (pytest_ignore_collect spares only what pytest finds itself)."""
    if not MISSING:
        return
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.skip(reason=f"corpus missing: {', '.join(MISSING)} under {SHARED}"))
            SKIPPED.append(item)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line: which corpus folders are missing, what was skipped, how to run it."""
    named = {item.path for item in SKIPPED}
    ignored = {path for path in IGNORED if path not in named and _asked_for(path, terminalreporter.config)}
    if not (ignored or named):
        return
    files = ignored | named
    tests = sum(count_tests(path) for path in ignored) + len(SKIPPED)
    missing = ", ".join(f"{part}/" for part in MISSING)
    needed = ", ".join(f"{part}/" for part in CORPUS_PARTS)
    terminalreporter.write_line(
        f"CORPUS SKIPPED: {len(files)} test files ({tests} test functions, more with their parameters) in "
        f"tests/corpus, because {SHARED} has no "
        f"{missing}; to run them: KEHOACH_SHARED=PATH .venv/bin/python -m pytest (PATH holds {needed})",
        yellow=True,
        bold=True,
    )


def _asked_for(path: Path, config: pytest.Config) -> bool:
    """Whether the command line's paths (or the default tests/) take in this file."""
    for arg in config.args:
        asked = (config.invocation_params.dir / arg.split("::")[0]).resolve()
        if asked == path or asked in path.parents:
            return True
    return False


def count_tests(path: Path) -> int:
    """The tests a module holds: its test functions, each times the cases of its literal parametrize lists."""
    module = ast.parse(path.read_text(encoding="utf-8"))
    lists = {
        target.id: len(node.value.elts)
        for node in module.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.List | ast.Tuple)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    functions = [
        node
        for node in module.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")
    ]
    return sum(math.prod(_cases(decorator, lists) for decorator in node.decorator_list) for node in functions)


def _cases(decorator: ast.expr, lists: dict[str, int]) -> int:
    """How many cases a @pytest.mark.parametrize decorator gives (1 for any other decorator)."""
    if not (isinstance(decorator, ast.Call) and ast.unparse(decorator.func).endswith("parametrize")):
        return 1
    values = decorator.args[1] if len(decorator.args) > 1 else None
    if isinstance(values, ast.List | ast.Tuple):
        return len(values.elts)
    if isinstance(values, ast.Name):
        return lists.get(values.id, 1)
    return 1
