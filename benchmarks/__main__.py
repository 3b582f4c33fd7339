"""`make bench`: every performance row measured in one run, printed as one markdown table and saved as JSON.

    .venv/bin/python -m benchmarks [--quick] [--rows B1,B2,B5] [--draw] [--out .data/bench/latest.json]

Each row starts the whole service in-process on free ports (benchmarks/stack.py: Temporal dev server with the flags
of devstack/temporal.py, PostgreSQL at DATABASE_URL or embedded, worker, API over HTTP) with the settings it needs,
the offline providers and their latency from configuration (benchmarks/providers.py). See README "Performance".
"""

import argparse
import asyncio
import json
import os
import platform
import shlex
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.rows import ALL_ROWS, LOG_DIR, Options, Row, run_rows
from devstack.temporal import FAIRNESS_ARGS, FAST_DISPATCH_ARGS


def header(options: Options, rows: list[str]) -> list[str]:
    """What the figures depend on: date, machine, Temporal's flags, the mode."""
    mode = "quick" if options.quick else "full"
    database = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "embedded"
    drawing = "drawing included (--draw)" if options.draw else "drawing left out (offline PNGs drawn once)"
    return [
        f"Comic Builder benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {mode} run, rows {','.join(rows)}",
        "",
        f"- machine: {os.cpu_count()} cores (nproc), {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, PostgreSQL: {database}",
        f"- Temporal dev server flags: `{shlex.join((*FAST_DISPATCH_ARGS, *FAIRNESS_ARGS))}`",
        f"- providers: offline; latency from OFFLINE_RENDER_DELAY / OFFLINE_CHUNK_DELAY; {drawing}",
        "",
    ]


def table(rows: list[Row]) -> list[str]:
    """The rows as a markdown table, with a `met` column saying whether each target was reached."""

    def met(row: Row) -> str:
        return "n/a" if row.met is None else ("yes" if row.met else "**no**")

    lines = ["| id | what | target | measured | met |", "|---|---|---|---|---|"]
    for row in rows:
        cells = [row.id, row.what, row.target, row.measured, met(row)]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--quick", action="store_true", help="shorter runs (about a minute and a half in all)")
    parser.add_argument("--rows", default=",".join(ALL_ROWS), help=f"comma-separated subset of {','.join(ALL_ROWS)}")
    parser.add_argument("--draw", action="store_true", help="keep the offline renderer's drawing (CPU) in the renders")
    parser.add_argument("--out", type=Path, default=LOG_DIR / "latest.json", help="where the rows go as JSON")
    args = parser.parse_args(argv)
    wanted = [r.strip() for r in args.rows.split(",") if r.strip()]
    unknown = [r for r in wanted if r not in ALL_ROWS]
    if unknown:
        parser.error(f"unknown rows {unknown}; known: {','.join(ALL_ROWS)}")
    options = Options(quick=args.quick, draw=args.draw)
    began = time.monotonic()

    def progress(row: Row) -> None:
        print(
            f"  {row.id}: {row.measured} (met: {row.met}) [{time.monotonic() - began:.0f} s]",
            file=sys.stderr,
            flush=True,
        )

    print(f"measuring {','.join(wanted)} ({'quick' if args.quick else 'full'}) ...", file=sys.stderr, flush=True)
    rows = asyncio.run(run_rows(options, wanted, progress))
    print("\n".join([*header(options, wanted), *table(rows)]))
    print(f"\n({time.monotonic() - began:.0f} s; rows as JSON in {args.out})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps([row.as_json() for row in rows], indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
