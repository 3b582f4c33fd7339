"""Wrappers around the real offline providers that inject faults or measure concurrency (for tests only)."""

import asyncio
from dataclasses import dataclass, field

from domain.character import Character
from domain.drafts import CharacterProfile, PanelDraft
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, Style
from providers.errors import ProviderError
from providers.images import ImageProvider, ReferenceImage, RenderedImage
from providers.llm import Extraction, LLMProvider, OnDelta, StoryResult


@dataclass
class FaultyLLM:
    """Delegates to a real storyteller, failing the first calls of each kind as configured."""

    inner: LLMProvider
    story_failures: list[ProviderError] = field(default_factory=list)
    character_failures: list[ProviderError] = field(default_factory=list)
    panel_failures: list[ProviderError] = field(default_factory=list)
    calls: dict[str, int] = field(default_factory=lambda: {"story": 0, "characters": 0, "panels": 0})
    # Fail the first story call with this error after streaming this many deltas (a mid-stream provider fault).
    story_fault_after_deltas: tuple[int, ProviderError] | None = None
    name: str = "faulty-llm"

    def _maybe_fail(self, kind: str, failures: list[ProviderError]) -> None:
        self.calls[kind] += 1
        if failures:
            raise failures.pop(0)

    async def write_story(self, prompt: str, on_delta: OnDelta) -> StoryResult:
        self._maybe_fail("story", self.story_failures)
        if self.story_fault_after_deltas is None:
            return await self.inner.write_story(prompt, on_delta)
        limit, error = self.story_fault_after_deltas
        self.story_fault_after_deltas = None
        sent = 0

        async def failing(text: str) -> None:
            nonlocal sent
            if sent == limit:
                raise error
            sent += 1
            await on_delta(text)

        return await self.inner.write_story(prompt, failing)

    async def extract_characters(self, story: str) -> Extraction[CharacterProfile]:
        self._maybe_fail("characters", self.character_failures)
        return await self.inner.extract_characters(story)

    async def generate_panels(self, story: str, cast: list[str]) -> Extraction[PanelDraft]:
        self._maybe_fail("panels", self.panel_failures)
        return await self.inner.generate_panels(story, cast)


@dataclass
class MeteredImages:
    """Delegates to a real renderer, holding each call `delay` seconds and recording the peak concurrency."""

    inner: ImageProvider
    delay: float = 0.0
    in_flight: int = 0
    peak: int = 0
    calls: list[str] = field(default_factory=list)
    refuse_panel_indexes: set[int] = field(default_factory=set)
    name: str = "metered-images"

    async def _hold(self) -> None:
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        self.calls.append(f"character:{character.name}")
        await self._hold()
        return await self.inner.render_character(character, prompt, style)

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        self.calls.append(f"panel:{panel.index}")
        await self._hold()
        if panel.index in self.refuse_panel_indexes:
            raise ProviderError(f"content policy: panel {panel.index} refused", retryable=False)
        return await self.inner.render_panel(panel, prompt, references, style)


@dataclass
class TokenStoryteller:
    """A storyteller whose story is exactly `tokens` one-word deltas (to compare story lengths); the rest is
    delegated to a real storyteller."""

    inner: LLMProvider
    tokens: int
    delay: float = 0.0
    name: str = "token-storyteller"

    async def write_story(self, prompt: str, on_delta: OnDelta) -> StoryResult:
        words = [f"word{i} " for i in range(self.tokens)]
        for word in words:
            await on_delta(word)
            await asyncio.sleep(self.delay)
        return StoryResult(text="".join(words))

    async def extract_characters(self, story: str) -> Extraction[CharacterProfile]:
        return await self.inner.extract_characters(story)

    async def generate_panels(self, story: str, cast: list[str]) -> Extraction[PanelDraft]:
        return await self.inner.generate_panels(story, cast)
