"""`python -m benchmarks --quick` runs end to end: the table and the JSON rows have their shape.

Only the shape is checked, never a figure: performance targets live in README "Performance", not in timed tests.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = ["B1", "B2", "B5"]


def test_quick_benchmark_prints_the_table_and_writes_the_rows(tmp_path: Path) -> None:
    out = tmp_path / "latest.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--rows", ",".join(ROWS), "--out", str(out)],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]

    table = [line for line in result.stdout.splitlines() if line.startswith("|")]
    assert table[0] == "| id | what | target | measured | met |"
    assert [line.split("|")[1].strip() for line in table[2:]] == ROWS
    assert "cores (nproc)" in result.stdout
    assert "history.transferProcessorMaxPollRPS" in result.stdout  # the Temporal flags in force

    rows = json.loads(out.read_text())
    assert [row["id"] for row in rows] == ROWS
    for row in rows:
        assert {"id", "value", "unit", "target", "met"} <= row.keys()
        assert row["value"] is None or isinstance(row["value"], int | float)
        assert isinstance(row["unit"], str) and row["unit"]
        assert isinstance(row["target"], str) and row["target"]
        assert row["met"] in (True, False, None)
