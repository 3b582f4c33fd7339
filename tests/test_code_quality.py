"""The code stays ruff- and mypy-clean: checked by the suite, so CI holds every change to it."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PACKAGES = [
    "api",
    "core",
    "db",
    "domain",
    "providers",
    "workflows",
    "activities",
    "devstack",
    "benchmarks",
    "comics",
    "contracts",
]


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


def _imported_modules(path: Path) -> set[str]:
    """The absolute module names a file imports (from its AST, so a name in a string or comment does not count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_api_and_activities_never_import_workflows() -> None:
    """What crosses the Temporal boundary lives in `contracts/`: the API calls workflows by name, activities
    answer them, and neither loads a workflow module (nor does `contracts/` load either side)."""
    offenders = {
        f"{path.relative_to(ROOT)} imports {name}"
        for package, forbidden in (
            ("api", ("workflows",)),
            ("activities", ("workflows", "api")),
            ("contracts", ("workflows", "activities", "api")),
            # Plain code: the state models, the page planner and the providers know nothing of Temporal.
            ("domain", ("temporalio", "workflows", "activities", "api")),
            ("comics", ("temporalio", "workflows", "activities", "api")),
            ("providers", ("temporalio", "workflows", "activities", "api")),
        )
        for path in (ROOT / package).rglob("*.py")
        for name in _imported_modules(path)
        if name.split(".")[0] in forbidden
    }
    assert not offenders, sorted(offenders)
