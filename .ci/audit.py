"""CI step: pip-audit over the project's virtualenv (every installed package, with their known advisories).

A known vulnerability fails the build (exit 1, one line per advisory with the versions that fix it). An
advisory service that cannot be reached (no network, an outage, a timeout) is reported in one line and the
build goes on (exit 0), as are packages the service does not know.
Usage: python .ci/audit.py [PATH-TO-pip-audit]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

TIMEOUT = 300  # seconds for the whole audit; each request gives up after REQUEST_TIMEOUT
REQUEST_TIMEOUT = 15


def verdict(report: dict[str, Any] | None, failure: str) -> tuple[int, list[str]]:
    """The exit code and the lines to print for a pip-audit JSON report (None: the audit did not finish)."""
    if report is None:
        return 0, [f"pip-audit: advisory service not reached, audit skipped ({failure})"]
    packages = report.get("dependencies", [])
    found = [(p["name"], p.get("version", "?"), v) for p in packages for v in p.get("vulns", [])]
    unknown = sum(1 for p in packages if p.get("skip_reason"))
    lines = [
        f"pip-audit: {len(packages) - unknown} package(s) audited, {unknown} unknown to the advisory service, "
        f"{len(found)} known vulnerability(ies)"
    ]
    for name, version, vuln in found:
        fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
        lines.append(f"  {name} {version}: {vuln.get('id', '?')} (fixed in {fixes})")
    return (1 if found else 0), lines


def audit(pip_audit: str) -> tuple[dict[str, Any] | None, str]:
    """Run pip-audit; its JSON report, or None and why it did not finish."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "audit.json"
        command = [pip_audit, "--skip-editable", "--progress-spinner", "off", "--timeout", str(REQUEST_TIMEOUT)]
        try:
            done = subprocess.run(
                [*command, "--format", "json", "--output", str(out)], capture_output=True, text=True, timeout=TIMEOUT
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, type(exc).__name__
        try:
            return json.loads(out.read_text(encoding="utf-8")), ""
        except (OSError, ValueError):
            last = (done.stderr.strip().splitlines() or [f"exit {done.returncode}, no output"])[-1]
            return None, last[:300]


def main(argv: list[str]) -> int:
    """Audit, print the verdict, return its exit code."""
    pip_audit = argv[1] if len(argv) > 1 else ".venv/bin/pip-audit"
    if not Path(pip_audit).is_file():
        print(f"pip-audit: not installed at {pip_audit} (it comes with the dev extra)", flush=True)
        return 2
    report, failure = audit(pip_audit)
    code, lines = verdict(report, failure)
    print("\n".join(lines), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
