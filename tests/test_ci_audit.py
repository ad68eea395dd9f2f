"""The CI's pip-audit step (.ci/audit.py): known vulnerabilities fail the build, an unreachable advisory
service is one printed line and the build goes on."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / ".ci" / "audit.py"
PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ci_audit", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_known_vulnerability_fails_the_build_and_names_the_fix() -> None:
    report = {
        "dependencies": [
            {"name": "httpx", "version": "0.1", "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["0.2"]}]},
            {"name": "rapidfuzz", "version": "3.6", "vulns": []},
            {"name": "tzdata", "skip_reason": "Dependency not found on PyPI"},
        ]
    }
    code, lines = _script().verdict(report, "")
    assert code == 1
    assert lines == [
        "pip-audit: 2 package(s) audited, 1 unknown to the advisory service, 1 known vulnerability(ies)",
        "  httpx 0.1: PYSEC-0000-1 (fixed in 0.2)",
    ]


def test_packages_without_advisories_or_unknown_to_the_service_pass() -> None:
    report = {"dependencies": [{"name": "tzdata", "skip_reason": "not found"}, {"name": "x", "vulns": []}]}
    assert _script().verdict(report, "")[0] == 0


@pytest.mark.skipif(not PIP_AUDIT.is_file(), reason="pip-audit comes with the dev extra")
def test_an_unreachable_advisory_service_is_one_line_and_the_build_goes_on(tmp_path: Path) -> None:
    closed = "http://127.0.0.1:9"  # nothing listens there: every request fails at once
    env = {**os.environ, "HTTPS_PROXY": closed, "HTTP_PROXY": closed, "NO_PROXY": ""}
    env |= {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path), "PIP_CACHE_DIR": str(tmp_path)}  # no cached answers
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(PIP_AUDIT)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("pip-audit: advisory service not reached, audit skipped (")
    assert done.stdout.count("\n") == 1
