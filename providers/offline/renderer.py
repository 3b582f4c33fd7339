"""The offline image provider: Pillow-drawn character sheets and comic panels, no network and no model.

It is the default renderer when no fal.ai key is set, so it aims for pictures a reader enjoys: type-aware
reference sheets (turnarounds, creature sheets, emblems, product sheets) and panels whose scenery follows the
background text, with the characters' sheet figures composited in and the dialogue lettered in a balloon.
Output is deterministic: the same input gives the same PNG bytes.
"""

from __future__ import annotations

import asyncio
from typing import Final

from domain.character import Character
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, Style
from providers.images import ReferenceImage, RenderedImage
from providers.offline.drawing.panels import render_panel_png
from providers.offline.drawing.paper import PANEL_SIZE, SHEET_SIZE
from providers.offline.drawing.sheets import render_sheet_png

SHEET_MODEL: Final = "offline/sheet-generator"


SCENE_MODEL: Final = "offline/scene-generator"


EDIT_MODEL: Final = "offline/compositor"


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
    ) -> None:
        """`delay`: seconds added to every render, like a real model's latency (tests catch a render mid-way).

        `lettered` draws the dialogue (a balloon or a caption) and name tags into the panel art; the service renders
        with it off, since it letters the pages itself as a layer (comics/), and art must carry no text.
        """
        if delay < 0:
            raise ValueError("delay must not be negative")
        self.sheet_size = sheet_size
        self.panel_size = panel_size
        self.delay = delay
        self.lettered = lettered

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        """A type-aware reference sheet drawn from the profile (the prompt is for real models; unused here)."""
        await asyncio.sleep(self.delay)
        data = await asyncio.to_thread(render_sheet_png, character, self.sheet_size)
        width, height = self.sheet_size
        return RenderedImage(data=data, content_type="image/png", width=width, height=height, model=SHEET_MODEL)

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        """The panel's scene with the references' figures composited in (and, `lettered`, the dialogue)."""
        await asyncio.sleep(self.delay)
        data = await asyncio.to_thread(render_panel_png, panel, references, self.panel_size, self.lettered)
        width, height = self.panel_size
        model = EDIT_MODEL if references else SCENE_MODEL
        return RenderedImage(data=data, content_type="image/png", width=width, height=height, model=model)
