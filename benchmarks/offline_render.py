"""The offline renderer's cost: CPU per sheet and per panel drawn serially, and 10 panels serial vs the process pool.

`.venv/bin/python -m benchmarks.offline_render [--processes N] [--style S] [--prompt P]` writes a story with the
offline storyteller, draws its cast's sheets and its panels one after another in this process (CPU time of each,
`time.process_time`, each panel cold: the per-process caches cleared before it), then renders the comic's 10 panels
one by one cold, one after another with the caches kept (as one render process draws a comic), at once through a
renderer drawing in threads, and at once through `OfflineRenderer(processes=N)` (default: one per core), and prints
a markdown table. The pool is started before it is timed, as the worker starts it (`start_pool`: each render process
draws a small sheet and panel once and forgets them), so its caches hold nothing of the comic. Panels are drawn
unlettered, as the service does. The render processes' own CPU seconds for the batch (Linux: /proc) show what the
pool costs apart from how busy the machine is: on two cores that other work keeps busy, the wall times mostly
measure the queue.
"""

import argparse
import asyncio
import multiprocessing
import os
import time
import uuid
from collections.abc import Callable
from statistics import median
from typing import TypeVar

from domain.character import Character
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, STYLES, Style
from providers.images import ReferenceImage
from providers.offline.drawing.panels import clear_caches, draw_panel
from providers.offline.drawing.sheets import render_sheet_png
from providers.offline.renderer import OfflineRenderer, default_processes, shutdown_pools, start_pool
from providers.offline.storyteller import OfflineStoryteller

PROMPT = "a lighthouse keeper befriends a sea monster"
BATCH = 10
T = TypeVar("T")


async def _comic(prompt: str) -> tuple[list[Character], list[Panel]]:
    teller = OfflineStoryteller()

    async def ignore(_: str) -> None:
        return None

    story = (await teller.write_story(prompt, ignore)).text
    profiles = (await teller.extract_characters(story)).items
    cast = [Character(id=uuid.uuid4(), **p.model_dump()) for p in profiles]
    drafts = (await teller.generate_panels(story, [c.name for c in cast])).items
    return cast, [Panel(id=uuid.uuid4(), index=i, **d.model_dump()) for i, d in enumerate(drafts)]


def _cpu_ms(job: Callable[..., T], *args: object) -> tuple[float, T]:
    clear_caches()
    start = time.process_time()
    result = job(*args)
    return (time.process_time() - start) * 1000, result


async def _wall(renderer: OfflineRenderer, jobs: list[tuple[Panel, list[ReferenceImage]]], style: Style) -> float:
    start = time.perf_counter()
    await asyncio.gather(*(renderer.render_panel(p, "", refs, style=style) for p, refs in jobs))
    return time.perf_counter() - start


async def main(prompt: str, processes: int, style: Style) -> None:
    cast, panels = await _comic(prompt)
    sheet_ms, sheets = [], {}
    for character in cast:
        ms, png = _cpu_ms(render_sheet_png, character)
        sheet_ms.append(ms)
        sheets[character.name] = png
    jobs = [(p, [ReferenceImage(n, sheets[n]) for n in p.characters if n in sheets]) for p in panels]
    panel_ms = [_cpu_ms(draw_panel, p, refs, (1024, 768), False, style)[0] for p, refs in jobs]
    batch = (jobs * (BATCH // len(jobs) + 1))[:BATCH]
    threaded = OfflineRenderer(lettered=False, processes=0)
    pooled = OfflineRenderer(lettered=False, processes=processes)
    # Start the pool's processes as the worker does (start_pool: each draws a small sheet and panel, then forgets
    # them): imports, tables and patterns are a process's one-off, not the comic's; its caches hold none of it.
    await start_pool(processes)
    cold = await _serial(threaded, batch, style, cold=True)
    warm = await _serial(threaded, batch, style, cold=False)
    clear_caches()
    threads = await _wall(threaded, batch, style)
    workers = [child.pid for child in multiprocessing.active_children() if child.pid is not None]
    before = [_cpu_seconds(pid) for pid in workers]
    pool = await _wall(pooled, batch, style)
    worker_cpu = [_cpu_seconds(pid) - b for pid, b in zip(workers, before, strict=True)]
    shutdown_pools()
    load = os.getloadavg()[0]
    print(f"Offline renderer, prompt {prompt!r}, style {style}, {len(cast)} sheets, {len(panels)} panels")
    print(f"(load average {load:.1f} on {os.cpu_count()} cores)")
    print()
    print("| measure | value |")
    print("|---|---:|")
    print(f"| sheet CPU ms, median (max) | {median(sheet_ms):.0f} ({max(sheet_ms):.0f}) |")
    print(f"| panel CPU ms, median (max) | {median(panel_ms):.0f} ({max(panel_ms):.0f}) |")
    print(f"| panel CPU ms, total of the {len(panels)} | {sum(panel_ms):.0f} |")
    print(f"| {BATCH} panels one by one, each cold, wall s | {cold:.2f} |")
    print(f"| {BATCH} panels one after another, caches kept, wall s | {warm:.2f} |")
    print(f"| {BATCH} panels at once in threads (processes=0), wall s | {threads:.2f} |")
    print(f"| {BATCH} panels at once in the pool (processes={processes}), wall s | {pool:.2f} |")
    print(f"| pool ÷ one by one cold | {pool / cold:.2f} |")
    print(f"| pool ÷ one after another, caches kept | {pool / warm:.2f} |")
    shown = " + ".join(f"{c:.2f}" for c in worker_cpu)
    print(f"| the pool's batch, CPU s of each render process | {shown} |")
    busiest = max(worker_cpu, default=0.0)
    print(f"| busiest render process's CPU ÷ the panels' cold CPU | {busiest / (sum(panel_ms) / 1000):.2f} |")


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds a process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _serial(
    renderer: OfflineRenderer, jobs: list[tuple[Panel, list[ReferenceImage]]], style: Style, cold: bool
) -> float:
    """Wall seconds to render the jobs one after another in this process, from empty caches (`cold`: before each)."""
    clear_caches()
    start = time.perf_counter()
    for p, refs in jobs:
        if cold:
            clear_caches()
        await renderer.render_panel(p, "", refs, style=style)
    return time.perf_counter() - start


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompt", default=PROMPT)
    parser.add_argument("--processes", type=int, default=default_processes())
    parser.add_argument("--style", choices=STYLES, default=DEFAULT_STYLE)
    args = parser.parse_args()
    asyncio.run(main(args.prompt, args.processes, args.style))
