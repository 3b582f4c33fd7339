"""Benchmark providers: the configured offline providers, with latency from the settings and every call timed.

- Images: `OFFLINE_RENDER_DELAY` is the latency L of every render. By default the Pillow drawing is left out
  (`LatencyImages` answers with one offline sheet and one offline panel drawn once, real PNG bytes of the usual
  size): drawing costs about 0.05 s of CPU per sheet and per panel, which on 2 cores would swamp what the
  benchmark measures, the orchestration. `--draw` keeps the drawing (the offline renderer as configured).
- LLM: the offline storyteller as configured (`OFFLINE_CHUNK_DELAY` between 4-word chunks: 0.02 s is 200 tokens/s,
  a token being one word). `PacedLLM` makes its story exactly `tokens` words long (the offline story repeated) and
  adds `latency` seconds to character extraction and panel breakdown, like a real model's answer time.
- `Timed` records every provider call (kind, start, end), so "provider time" can be taken out of a wall time.
"""

import asyncio
import itertools
import time
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from core.config import Settings
from domain.character import Character
from domain.drafts import CharacterProfile, PanelDraft, TokenUsage
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, Style
from providers.factory import make_images, make_llm
from providers.images import ImageProvider, ReferenceImage, RenderedImage
from providers.llm import Extraction, LLMProvider, OnDelta, StoryResult
from providers.offline.drawing.panels import render_panel_png
from providers.offline.drawing.paper import PANEL_SIZE, SHEET_SIZE
from providers.offline.drawing.sheets import render_sheet_png
from providers.offline.renderer import EDIT_MODEL, SHEET_MODEL
from providers.offline.storyteller import OfflineStoryteller

WORDS_PER_CHUNK = 4  # the offline storyteller's chunk size


@dataclass
class CallLog:
    """Provider calls as (kind, start, end), monotonic seconds."""

    calls: list[tuple[str, float, float]] = field(default_factory=list)

    def busy(self, start: float, end: float) -> float:
        """Seconds within [start, end] during which at least one provider call was in flight."""
        spans = sorted((max(a, start), min(b, end)) for _, a, b in self.calls if b > start and a < end)
        total, reach = 0.0, start
        for a, b in spans:
            if b > reach:
                total += b - max(a, reach)
                reach = b
        return total

    def count(self, start: float, end: float) -> int:
        """Calls that started within [start, end]."""
        return sum(1 for _, a, _ in self.calls if start <= a <= end)


@dataclass
class Timed:
    """Delegates to a provider (LLM or images), logging each call."""

    inner: Any
    log: CallLog
    name: str = "timed"

    async def _timed(self, kind: str, call: Any) -> Any:
        start = time.monotonic()
        try:
            return await call
        finally:
            self.log.calls.append((kind, start, time.monotonic()))

    async def write_story(self, prompt: str, on_delta: OnDelta) -> StoryResult:
        result: StoryResult = await self._timed("story", self.inner.write_story(prompt, on_delta))
        return result

    async def extract_characters(self, story: str) -> Extraction[CharacterProfile]:
        result: Extraction[CharacterProfile] = await self._timed("characters", self.inner.extract_characters(story))
        return result

    async def generate_panels(self, story: str, cast: list[str]) -> Extraction[PanelDraft]:
        result: Extraction[PanelDraft] = await self._timed("panels", self.inner.generate_panels(story, cast))
        return result

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        result: RenderedImage = await self._timed("sheet", self.inner.render_character(character, prompt, style))
        return result

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        result: RenderedImage = await self._timed("panel", self.inner.render_panel(panel, prompt, references, style))
        return result


@lru_cache(maxsize=1)
def _drawn() -> tuple[bytes, bytes]:
    """One offline sheet and one offline panel (with that character in it), drawn once per process."""
    character = Character(
        id=uuid.UUID(int=1),
        name="Mira Vask",
        brief="a lighthouse keeper",
        visual_form="oilskin coat, lantern",
        color_palette=["#1f4e9c", "#d4af37", "#f5f5f5"],
        role="protagonist",
    )
    sheet = render_sheet_png(character)
    panel = Panel(
        id=uuid.UUID(int=2),
        index=0,
        background="a lighthouse on a cliff at dusk, storm clouds gathering",
        characters=[character.name],
        dialogue="Mira Vask: Who's there?",
    )
    return sheet, render_panel_png(panel, [ReferenceImage(name=character.name, data=sheet)])


@dataclass
class LatencyImages:
    """Renders that take `delay` seconds and return offline PNGs drawn once (no drawing per call)."""

    delay: float
    name: str = "latency-images"

    def __post_init__(self) -> None:
        self.sheet, self.panel = _drawn()

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        await asyncio.sleep(self.delay)
        width, height = SHEET_SIZE
        return RenderedImage(self.sheet, "image/png", width, height, SHEET_MODEL)

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        await asyncio.sleep(self.delay)
        width, height = PANEL_SIZE
        return RenderedImage(self.panel, "image/png", width, height, EDIT_MODEL)


@dataclass
class PacedLLM:
    """The configured storyteller, with a story of `tokens` words (None: its own) and `latency` on structured calls.

    The story is paced like the offline storyteller's: a 4-word chunk every `chunk_delay` seconds, against the
    clock so the rate holds whatever the event loop does.
    """

    inner: LLMProvider
    chunk_delay: float
    tokens: int | None = None
    latency: float = 0.0
    name: str = "paced-llm"

    async def write_story(self, prompt: str, on_delta: OnDelta) -> StoryResult:
        if self.tokens is None:
            return await self.inner.write_story(prompt, on_delta)
        # The offline story's own words (its pacing left out), repeated up to the length asked for.
        own = await OfflineStoryteller(chunk_delay=0).write_story(prompt, _discard)
        words = list(itertools.islice(itertools.cycle(own.text.split()), self.tokens))
        start = time.monotonic()
        chunks = []
        for i in range(0, len(words), WORDS_PER_CHUNK):
            await asyncio.sleep(max(0.0, start + (i // WORDS_PER_CHUNK) * self.chunk_delay - time.monotonic()))
            chunk = " ".join(words[i : i + WORDS_PER_CHUNK]) + " "
            chunks.append(chunk)
            await on_delta(chunk)
        usage = TokenUsage(prompt_tokens=own.usage.prompt_tokens, completion_tokens=len(words))
        return StoryResult(text="".join(chunks), finish_reason="stop", usage=usage)

    async def extract_characters(self, story: str) -> Extraction[CharacterProfile]:
        await asyncio.sleep(self.latency)
        return await self.inner.extract_characters(story)

    async def generate_panels(self, story: str, cast: list[str]) -> Extraction[PanelDraft]:
        await asyncio.sleep(self.latency)
        return await self.inner.generate_panels(story, cast)


async def _discard(_: str) -> None:
    return None


@dataclass(frozen=True)
class ProviderSpec:
    """How a benchmark builds its providers from the settings (the same in-process and in a worker process)."""

    draw: bool = False
    story_tokens: int | None = None
    llm_latency: float = 0.0

    def env(self) -> dict[str, str]:
        """For `python -m benchmarks.worker`."""
        return {
            "BENCH_DRAW": "1" if self.draw else "",
            "BENCH_STORY_TOKENS": "" if self.story_tokens is None else str(self.story_tokens),
            "BENCH_LLM_LATENCY": str(self.llm_latency),
        }

    @classmethod
    def from_env(cls, env: dict[str, str]) -> "ProviderSpec":
        tokens = env.get("BENCH_STORY_TOKENS", "")
        return cls(
            draw=bool(env.get("BENCH_DRAW")),
            story_tokens=int(tokens) if tokens else None,
            llm_latency=float(env.get("BENCH_LLM_LATENCY") or 0),
        )

    def llm(self, settings: Settings, log: CallLog | None = None, inner: LLMProvider | None = None) -> LLMProvider:
        """The storyteller of `settings`, paced as specified (and timed into `log`)."""
        paced = PacedLLM(inner or make_llm(settings), settings.offline_chunk_delay, self.story_tokens, self.llm_latency)
        return Timed(paced, log) if log is not None else paced

    def images(
        self, settings: Settings, log: CallLog | None = None, inner: ImageProvider | None = None
    ) -> ImageProvider:
        """The renderer of `settings` (drawing left out unless `draw`), timed into `log`."""
        images: ImageProvider = (
            (inner or make_images(settings)) if self.draw else LatencyImages(settings.offline_render_delay)
        )
        return Timed(images, log) if log is not None else images
