"""Reading a story: a panel's line of dialogue and who says it, a pronoun's speaker ('"Go," she said') included."""

from __future__ import annotations

import re

from providers.offline.lexicon import SPEECH_VERBS
from providers.offline.nameless import is_nameless
from providers.offline.presence import Aliases, last_mentioned, panel_characters
from providers.offline.sentences import Quote, find_quotes
from providers.offline.text import trim

_CONTINUATION_RE = re.compile(rf"^\s*,?\s*[^.!?]{{0,60}}(?:{SPEECH_VERBS})[^.!?]{{0,40}},\s*$")

# '"Go," she said', '"Go," said he', '« Va », répondit-elle', '«Ve», dijo ella'.
_PRONOUN_ATTRIBUTION_RE = re.compile(
    rf"\s*,?\s*(?:(?:he|she|they|il|elle|él|ella)\s+(?:{SPEECH_VERBS})\b|(?:{SPEECH_VERBS})"
    rf"(?:\s+(?:he|she|él|ella)\b|-(?:il|elle)\b))",
    re.I,
)


def panel_line(beat: str, aliases: Aliases, before: str | None = None) -> tuple[str, str | None]:
    """The beat's dialogue ('Mira: Hold the light!', or '') and the cast member who says it, if known.

    The line is the first one credited to someone, by name or by a pronoun (a voice in the dark is no speaker to
    draw), else the first; a pronoun's speaker is whoever the beat named last before the line, else `before`
    (whoever the story named last before the beat).
    """
    quotes = find_quotes(beat)
    if not quotes:
        return "", None
    pronouns = [not q.speaker and bool(_PRONOUN_ATTRIBUTION_RE.match(beat, q.end, q.end + 40)) for q in quotes]
    index = next((i for i, q in enumerate(quotes) if q.speaker or pronouns[i]), 0)
    first = quotes[index]
    written: str | None
    if first.speaker:
        named = panel_characters(first.speaker, aliases)
        speaker, written = (named[0] if named else None), first.speaker
        written = speaker if speaker and is_nameless(speaker) else written  # "The Old Woman", not "the old woman"
    else:
        speaker = (last_mentioned(beat[: first.start], aliases) or before) if pronouns[index] else None
        written = speaker
    line = _joined(beat, quotes, index)
    if line.endswith(","):
        line = line[:-1] + "."
    prefix = f"{written}: " if written else ""
    return trim(prefix + line, 160), speaker


def _joined(beat: str, quotes: list[Quote], index: int) -> str:
    """The quote's text, with the next one when an attribution splits one utterance ('"Wait," said Mira, "the
    lamp!"')."""
    first = quotes[index]
    if len(quotes) > index + 1 and (first.speaker or _PRONOUN_ATTRIBUTION_RE.match(beat, first.end)):
        between = beat[first.end : quotes[index + 1].start]
        if _CONTINUATION_RE.match(between):
            return f"{first.text} {quotes[index + 1].text}"
    return first.text
