"""Reading a story: sentences, paragraphs, quotes and their speakers (shared by characters and panels)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from providers.offline.lexicon import ABBREVIATIONS, APOSTROPHES, SPEECH_VERBS, STOPWORDS, TITLE_PREFIXES, TITLES

CAPWORD = rf"[A-ZÀ-ÖØ-Þ][\w{APOSTROPHES}\-]*"

_CAPSEQ = rf"{CAPWORD}(?: {CAPWORD}){{0,3}}"

# '"Run!" said her brother, Tomas' and 'dit son adjoint, Julien Blanc': who the speaker is, then the name.
_APPOSED = r"(?:(?:his|her|their|the|son|sa|su|le|la|el)\s+[\w-]+,\s+)?"

_AFTER_QUOTE_RE = re.compile(
    rf"^\s*,?\s*(?:(?:(?:se|le|les|lui)\s+)?(?:{SPEECH_VERBS})\s+{_APPOSED}(?P<a>{_CAPSEQ})"
    rf"|(?P<b>{_CAPSEQ})\s+(?:{SPEECH_VERBS})\b"
    rf"|(?:{SPEECH_VERBS})\s+(?P<c>the\s+(?:[a-z-]+\s+)?[a-z]+)\b)"  # "said the old woman": someone never named
)

_BEFORE_QUOTE_RE = re.compile(rf"(?P<n>{_CAPSEQ})\s+(?:{SPEECH_VERBS})(?:\s+[a-z]+){{0,3}}\s*[,:]?\s*$")

_QUOTE_RE = re.compile(r'"([^"]+)"|“([^”]+)”')

_SPEECH_VERB_RE = re.compile(rf"\b(?:{SPEECH_VERBS})\b")

_POSSESSIVE_RE = re.compile(rf"[{APOSTROPHES}]s$")


@dataclass(frozen=True)
class Quote:
    """A quoted line, where it sits in the text, and who is credited with it (as written), if anyone."""

    text: str
    start: int
    end: int
    speaker: str | None
    verb: str | None


def strip_possessive(name: str) -> str:
    return _POSSESSIVE_RE.sub("", name)


def find_quotes(text: str) -> list[Quote]:
    """Every quoted line in `text` with its attributed speaker ('"Run!" said Mira', 'Mira said, "Run!"')."""
    found = []
    for match in _QUOTE_RE.finditer(text):
        line = (match.group(1) or match.group(2) or "").strip()
        speaker: str | None = None
        verb: str | None = None
        after = _AFTER_QUOTE_RE.match(text[match.end() : match.end() + 80])
        if after and after.group("c"):
            speaker, verb = after.group("c"), _SPEECH_VERB_RE.search(after.group(0)).group(0)  # type: ignore[union-attr]
            found.append(Quote(line, match.start(), match.end(), speaker, verb))
            continue
        if after:
            speaker = after.group("a") or after.group("b")
            verb_match = _SPEECH_VERB_RE.search(after.group(0))
            verb = verb_match.group(0) if verb_match else None
        else:
            before = _BEFORE_QUOTE_RE.search(text[max(0, match.start() - 80) : match.start()])
            if before:
                speaker = before.group("n")
                verb_match = _SPEECH_VERB_RE.search(before.group(0))
                verb = verb_match.group(0) if verb_match else None
        if speaker:
            speaker = strip_possessive(speaker)
            first = speaker.split()[0].lower()
            if first in STOPWORDS and first not in TITLES and first not in TITLE_PREFIXES:
                speaker = " ".join(speaker.split()[1:]) or None
        found.append(Quote(line, match.start(), match.end(), speaker, verb))
    return found


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs split on blank lines; a text without blank lines is split on its line breaks instead."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(parts) == 1 and "\n" in parts[0]:
        parts = [p.strip() for p in parts[0].split("\n") if p.strip()]
    return [re.sub(r"\s+", " ", p) for p in parts]


FULL_STOPS = "\u3002\uff01\uff1f"  # Chinese and Japanese full stop, ! and ?: a sentence ends there, no space after

_SENTENCE_MARK_RE = re.compile(rf'["“”.!?{FULL_STOPS}]')

_QUOTE_THEN_SENTENCE_RE = re.compile(r"\s+[A-Z\"“]")

_TRAILING_WORD_RE = re.compile(r"\w+$")

WORD_CHAR_RE = re.compile(r"\w")

_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, never breaking inside a quotation; a quote that ends a sentence ends it too."""
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[str]:
    """`split_sentences`, lazily, for callers that need only the first few; it jumps from quote or stop to the next."""
    start, inside, n = 0, False, len(text)
    mark = _SENTENCE_MARK_RE.search(text)
    while mark:
        i = mark.start()
        ch = text[i]
        if ch in '"“”':
            closing = ch == "”" or (ch == '"' and inside)
            inside = not closing
            if closing and i > 0 and text[i - 1] in ".!?" and _QUOTE_THEN_SENTENCE_RE.match(text[i + 1 : i + 3]):
                if sentence := text[start : i + 1].strip():
                    yield sentence
                start = i + 1
            mark = _SENTENCE_MARK_RE.search(text, i + 1)
        elif inside:
            mark = _SENTENCE_MARK_RE.search(text, i + 1)
        else:
            j = i + 1
            while j < n and text[j] in ".!?)'" + FULL_STOPS:
                j += 1
            spaced = j >= n or text[j].isspace() or ch in FULL_STOPS
            if spaced and not _ends_with_abbreviation(text, start, i):
                if sentence := text[start:j].strip():
                    yield sentence
                start = j
            mark = _SENTENCE_MARK_RE.search(text, j)
    if rest := text[start:].strip():
        yield rest


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    """Whether the last word of `text[start:end]` is an abbreviation ('Mr'), looking back only a few characters:
    rescanning the whole sentence at every stop that does not end it would be quadratic in its length."""
    window = max(start, end - _LONGEST_ABBREVIATION - 2)
    word = _TRAILING_WORD_RE.search(text, window, end)
    if not word:
        return False
    if word.start() == window > start and WORD_CHAR_RE.match(text, window - 1):
        return False  # the word runs on before the window: longer than any abbreviation
    return word.group().lower() in ABBREVIATIONS
