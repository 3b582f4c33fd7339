"""A deterministic, offline storyteller: no key, no network, and the same prompt always gives the same story.

`write_story` builds a hero's-journey story out of the prompt's own words (its hero, creature, object, concept and
place), choosing names, places and phrasing with a RNG seeded by the prompt. `extract_characters` and
`generate_panels` do not remember what was generated: they parse whatever text they are given, because a user may
have edited the story. They rely on plain-text cues: capitalised names, appositives ("Grendlow, an ancient sea
monster"), quote attributions ("said Mira") and cue words near each mention.
"""

from __future__ import annotations

import asyncio
import json
import re

from domain.drafts import CharacterProfile, PanelDraft, TokenUsage
from providers.errors import ProviderError
from providers.llm import Extraction, OnDelta, StoryResult
from providers.offline.panels import panel_drafts
from providers.offline.profiles import character_profiles
from providers.offline.sentences import FULL_STOPS
from providers.offline.text import count_tokens, split_chunks
from providers.offline.writer import compose_story
from providers.prompts import CHARACTERS_SYSTEM_PROMPT, PANELS_SYSTEM_PROMPT, STORY_SYSTEM_PROMPT


class OfflineStoryteller:
    """A deterministic storyteller that needs no key and no network; the default LLM provider."""

    name = "offline-storyteller"

    def __init__(self, chunk_delay: float = 0.0, words_per_chunk: int = 4) -> None:
        if words_per_chunk < 1:
            raise ValueError("words_per_chunk must be at least 1")
        if chunk_delay < 0:
            raise ValueError("chunk_delay must not be negative")
        self.chunk_delay = chunk_delay
        self.words_per_chunk = words_per_chunk

    async def write_story(self, prompt: str, on_delta: OnDelta) -> StoryResult:
        """Write the prompt's hero's-journey story, streaming it to `on_delta` a few words at a time."""
        if not prompt.strip():
            raise ProviderError("prompt is empty", retryable=False)
        text = compose_story(prompt.strip())
        for i, chunk in enumerate(split_chunks(text, self.words_per_chunk)):
            if i and self.chunk_delay > 0:
                await asyncio.sleep(self.chunk_delay)
            await on_delta(chunk)
        usage = TokenUsage(
            prompt_tokens=count_tokens(prompt) + count_tokens(STORY_SYSTEM_PROMPT),
            completion_tokens=count_tokens(text),
        )
        return StoryResult(text=text, finish_reason="stop", usage=usage)

    # Parsing is CPU-bound (about half a second a megabyte), so it runs in a worker thread: on the event loop it
    # would stall every other activity and heartbeat of the worker. A thread is enough: the parser is Python code
    # that gives up the GIL every few milliseconds, and its longest single C call (a regex pass over the whole
    # story) takes tens of milliseconds for a megabyte.

    async def extract_characters(self, story: str) -> Extraction[CharacterProfile]:
        """The characters named in `story` as written (it may have been edited), protagonist first."""
        if not story.strip():
            raise ProviderError("story is empty", retryable=False)
        return await asyncio.to_thread(_character_extraction, story)

    async def generate_panels(self, story: str, cast: list[str]) -> Extraction[PanelDraft]:
        """Break `story` into 6-12 panels (fewer for a very short story) whose characters come only from `cast`."""
        if not story.strip():
            raise ProviderError("story is empty", retryable=False)
        return await asyncio.to_thread(_panel_breakdown, story, cast)


_GUILLEMET_OPEN_RE = re.compile(r"«[\s\u00a0\u202f]*")
_GUILLEMET_CLOSE_RE = re.compile(r"[\s\u00a0\u202f]*»")

_CORNER_QUOTES = str.maketrans("「」『』", "“”“”")

_TITLE_RE = re.compile(rf"^\s*(?:#{{1,6}}\s*)?[^\n.!?\"“{FULL_STOPS}]{{1,80}}\n\s*\n")


def plain_story(story: str) -> str:
    """The story as prose: markdown emphasis (`*Wren*`, `**bold**`: every asterisk) and a title line, as LLMs
    write them, removed, and guillemets and corner brackets as curly quotes; the reader would take a title for a
    scene and asterisks for part of a name, and knows quotes by their curly or straight marks."""
    text = story.replace("*", "")  # one C-level pass; a regex over a megabyte would hold the GIL for ~0.3 s
    if "«" in text:  # French and Spanish quotes read as curly ones, the spaces inside them dropped
        text = _GUILLEMET_OPEN_RE.sub("“", _GUILLEMET_CLOSE_RE.sub("”", text))
    if "「" in text or "『" in text:  # Japanese quotes too
        text = text.translate(_CORNER_QUOTES)
    title = _TITLE_RE.match(text)
    if title and len(title.group(0).split()) <= 8 and text[title.end() :].strip():
        text = text[title.end() :]
    return text


def _character_extraction(story: str) -> Extraction[CharacterProfile]:
    profiles = character_profiles(plain_story(story))
    return Extraction(items=profiles, usage=_usage(CHARACTERS_SYSTEM_PROMPT, story, profiles))


def _panel_breakdown(story: str, cast: list[str]) -> Extraction[PanelDraft]:
    panels = panel_drafts(plain_story(story), cast)
    system = PANELS_SYSTEM_PROMPT.format(cast=", ".join(cast))
    return Extraction(items=panels, usage=_usage(system, story, panels))


def _usage(system: str, story: str, items: list[CharacterProfile] | list[PanelDraft]) -> TokenUsage:
    """Token estimate for a structured call: system prompt plus story in, the items' JSON out."""
    answer = json.dumps([item.model_dump() for item in items])
    return TokenUsage(prompt_tokens=count_tokens(system) + count_tokens(story), completion_tokens=count_tokens(answer))
