"""The code stays ruff- and mypy-clean: checked by the suite, so CI holds every change to it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PACKAGES = ["api", "core", "db", "domain", "providers", "workflows", "activities", "devstack", "benchmarks", "comics"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint_and_format() -> None:
    lint = run(str(BIN / "ruff"), "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    form = run(str(BIN / "ruff"), "format", "--check", ".")
    assert form.returncode == 0, form.stdout + form.stderr


def test_mypy() -> None:
    result = run(str(BIN / "mypy"), *PACKAGES, "worker.py", "cli.py", "cli_client.py")
    assert result.returncode == 0, result.stdout + result.stderr
