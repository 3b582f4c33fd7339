"""The offline image provider: Pillow-drawn character sheets and comic panels, no network and no model.

It is the default renderer when no fal.ai key is set, so it aims for pictures a reader enjoys: type-aware
reference sheets (turnarounds, creature sheets, emblems, product sheets) and panels whose scenery follows the
background text, with the characters' sheet figures composited in and the dialogue lettered in a balloon.
Output is deterministic: the same input gives the same PNG bytes.

Drawing is CPU-bound Python and C (Pillow), so renders run in a pool of spawned processes shared by every renderer
of the process (`processes` of them, started and warmed up with the worker by `start_pool`, else at the first
render; shut down when the process exits and exiting by themselves when it is killed): they scale with cores where
threads would queue on the GIL and stall the worker's event loop.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
import uuid
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Final, TypeVar

from domain.character import Character
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, Style
from providers.errors import ProviderError
from providers.images import ReferenceImage, RenderedImage
from providers.offline.drawing.panels import PanelArt, clear_caches, draw_panel
from providers.offline.drawing.paper import PANEL_SIZE, SHEET_SIZE
from providers.offline.drawing.sheets import drawn_as, render_sheet_png

SHEET_MODEL: Final = "offline/sheet-generator"
SCENE_MODEL: Final = "offline/scene-generator"
EDIT_MODEL: Final = "offline/compositor"

T = TypeVar("T")


class OfflineRenderer:
    """Renders sheets and panels locally with Pillow; implements providers.images.ImageProvider."""

    name = "offline-renderer"

    def __init__(
        self,
        *,
        sheet_size: tuple[int, int] = SHEET_SIZE,
        panel_size: tuple[int, int] = PANEL_SIZE,
        delay: float = 0.0,
        lettered: bool = True,
        processes: int = 0,
    ) -> None:
        """`delay`: seconds added to every render, like a real model's latency (tests catch a render mid-way).

        `processes`: size of the render process pool (OFFLINE_RENDER_PROCESSES); 0 draws in a thread of this process.

        `lettered` draws the dialogue (a balloon or a caption) and name tags into the panel art; the service renders
        with it off, since it letters the pages itself as a layer (comics/), and art must carry no text.
        """
        if delay < 0:
            raise ValueError("delay must not be negative")
        if processes < 0:
            raise ValueError("processes must not be negative")
        self.sheet_size = sheet_size
        self.panel_size = panel_size
        self.delay = delay
        self.lettered = lettered
        self.processes = processes

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        """A type-aware reference sheet drawn from the profile (the prompt is for real models; unused here)."""
        await asyncio.sleep(self.delay)
        data = await self._run(partial(render_sheet_png, character, self.sheet_size, style))
        width, height = self.sheet_size
        return RenderedImage(
            data=data,
            content_type="image/png",
            width=width,
            height=height,
            model=SHEET_MODEL,
            metadata={"kind": character.character_type, "style": style, "drawn_as": drawn_as(character)},
        )

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        """The panel's scene with the references' figures composited in (and, `lettered`, the dialogue)."""
        await asyncio.sleep(self.delay)
        job = partial(draw_panel, panel, references, self.panel_size, self.lettered, style)
        art: PanelArt = await self._run(job)
        width, height = self.panel_size
        model = EDIT_MODEL if references else SCENE_MODEL
        return RenderedImage(
            data=art.png, content_type="image/png", width=width, height=height, model=model, metadata=art.metadata
        )

    async def _run(self, job: partial[T]) -> T:
        """Run a drawing job in the shared process pool (or a thread, with no processes)."""
        if self.processes == 0:
            return await asyncio.to_thread(job)
        pool = _pool(self.processes)
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, job)
        except BrokenProcessPool as exc:
            _discard(pool)  # a render process died (killed, out of memory): the next render starts a new pool
            raise ProviderError(f"offline render process died: {exc}", retryable=True) from exc


_pools: dict[int, Executor] = {}
_pools_lock = threading.Lock()


def _pool(processes: int) -> Executor:
    """The process-wide pool of `processes` workers, started on first use.

    Render processes are spawned (a fresh interpreter importing only what drawing needs), never forked from this
    process: a fork would copy the worker's event loop, threads and Temporal client into each child. Like any
    spawned child they import the main module, so it must keep its entry point under `if __name__ == "__main__"`
    (cli.py, pytest and the benchmarks do). Not forkserver either: its server outlives a SIGKILLed parent.
    """
    with _pools_lock:
        pool = _pools.get(processes)
        if pool is None:
            context = multiprocessing.get_context("spawn")
            pool = ProcessPoolExecutor(processes, mp_context=context, initializer=_watch_owner, initargs=(os.getpid(),))
            _pools[processes] = pool
        return pool


async def start_pool(processes: int) -> None:
    """Spawn the `processes` render processes now rather than on the first renders (0: nothing to start)."""
    if processes == 0:
        return
    pool = _pool(processes)
    loop = asyncio.get_running_loop()
    # Each submit without an idle process spawns one more, up to `processes`: as many no-ops start them all.
    await asyncio.gather(*(loop.run_in_executor(pool, _started) for _ in range(processes)))


def _started() -> None:
    """Warm a new render process up: a small sheet and panel drawn once (and forgotten), so the one-offs of its
    first drawing (lazily built tables, compiled patterns, codecs: ~30 ms) are paid now, not by a comic's render."""
    person = Character(id=uuid.UUID(int=0), name="Warm Up", character_type="humanoid", color_palette=["#336699"],
                       visual_form="a sailor in a coat")  # fmt: skip
    creature = person.model_copy(update={"name": "Warm Beast", "character_type": "creature", "visual_form": "a dragon"})
    refs = [ReferenceImage(c.name, render_sheet_png(c, (192, 128))) for c in (person, creature)]
    scene = Panel(id=uuid.UUID(int=0), index=0, background="the harbour at night", characters=[r.name for r in refs],
                  dialogue="Warm Up: ready")  # fmt: skip
    draw_panel(scene, refs, (256, 192), lettered=True)
    clear_caches()


def _discard(pool: Executor) -> None:
    with _pools_lock:
        for size, known in list(_pools.items()):
            if known is pool:
                del _pools[size]
    pool.shutdown(wait=False, cancel_futures=True)


def shutdown_pools() -> None:
    """Stop every render process (the pools also stop by themselves when the process exits)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


def _watch_owner(owner: int) -> None:
    """In a render process: exit once the process that started the pool is gone (a SIGKILLed worker must not leave
    its renderers behind; an orderly exit shuts the pool down itself)."""

    def watch() -> None:
        # A spawned process is the owner's child: when the owner dies it is handed to another parent at once
        # (the owner's pid may linger as a zombie until reaped, so its existence proves nothing).
        while os.getppid() == owner:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="watch-owner", daemon=True).start()


def default_processes() -> int:
    """The default pool size: one render process per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)
