"""Reading a story: who is in a beat (the cast members present, in order of mention), as panels and speech need."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from domain.cast import NameIndex
from domain.names import slugify
from providers.offline.lexicon import (
    APOSTROPHES,
    COLOURS,
    CONCEPTS,
    CREATURES,
    HUMANOIDS,
    OBJECTS,
    PRESENT_BY,
    REPORT_CUES,
    STOPWORDS,
    TITLE_PREFIXES,
    TITLES,
)
from providers.offline.nameless import is_nameless
from providers.offline.sentences import find_quotes
from providers.offline.text import lower_words

Aliases = list[tuple[tuple[str, ...], str]]  # slug-token sequences and the cast name each identifies, longest first

_NOT_ALONE = TITLES | TITLE_PREFIXES | frozenset({"the"})
_COMMON_WORDS = STOPWORDS | CONCEPTS | CREATURES | OBJECTS | HUMANOIDS | frozenset(COLOURS)


def cast_aliases(cast: list[str]) -> Aliases:
    """Slug-token sequences that identify each cast member, by the rule every reader of names uses (NameIndex)."""
    return NameIndex(((name, name) for name in cast), not_alone=_NOT_ALONE, whole_only=is_nameless).aliases()


@lru_cache(maxsize=16384)
def word_slug(word: str) -> str:
    """`slugify` of one word; a story repeats its words, and slugify (Unicode normalisation) is the costly part."""
    return slugify(word)


_ALNUM_RUN_RE = re.compile(r"[^\W_]+")


def panel_characters(beat: str, aliases: Aliases, speaker: str | None = None) -> list[str]:
    """Cast members present in the beat, in order of first mention, at most four, the speaker always among them.

    A name written only as a possessive ("Vask's fortress", "Mira's words") is not someone in the scene.
    """
    words: list[tuple[str, str]] = []
    starts: list[int] = []  # plain ints, so a long beat's words cost the garbage collector nothing
    ends: list[int] = []
    for m in _ALNUM_RUN_RE.finditer(beat):
        words.append((word_slug(m.group(0)), m.group(0)))
        starts.append(m.start())
        ends.append(m.end())
    slugs = [w[0] for w in words]
    # Only aliases starting with the word at hand can match there; each keeps its longest-first order.
    by_first: dict[str, Aliases] = {}
    for alias in aliases:
        by_first.setdefault(alias[0][0], []).append(alias)
    found: list[str] = []
    present: set[str] = set()
    stops: list[int] | None = None
    quotes = [span for q in find_quotes(beat) for span in (q.start, q.end)]  # someone named in speech is not here
    i = 0
    while i < len(words):
        for tokens, name in by_first.get(slugs[i], ()):
            if tuple(slugs[i : i + len(tokens)]) != tokens:
                continue
            written = [w[1] for w in words[i : i + len(tokens)]]
            # Lower-case common words ("time", "the storm") are not the characters Time or The Storm; "the old
            # woman" is The Old Woman.
            if all(w.islower() for w in written) and set(tokens) <= _COMMON_WORDS and not is_nameless(name):
                continue
            if name not in found:
                found.append(name)
            possessive = _POSSESSIVE_AFTER_RE.match(beat, ends[i + len(tokens) - 1])
            if not possessive or (i + len(tokens) + 1 < len(words) and words[i + len(tokens) + 1][0] in PRESENT_BY):
                if stops is None:
                    stops = [m.start() for m in _STOP_RE.finditer(beat)]
                gone = _GONE_AFTER_RE.match(beat, ends[i + len(tokens) - 1])
                if not _hearsay(beat, stops, starts[i]) and not inside(quotes, starts[i]) and not gone:
                    present.add(name)
            i += len(tokens) - 1
            break
        i += 1
    if speaker is not None:
        present.add(speaker)
        found = found if speaker in found else [speaker, *found]
    shown = [n for n in found if n in present]
    if speaker is not None and speaker not in shown[:4]:
        shown = [*(n for n in shown[:3] if n != speaker), speaker]  # the speaker is always drawn
    return shown[:4]


_GONE = frozenset({"missing", "gone", "empty", "lost", "stolen", "vanished"})
# After a name: it is not in the scene ("the Marlwood Diamond was gone", "Ada had vanished"), an aside between
# them too ("the Hartingham Diamond, set in a band of old gold, was gone").
_GONE_AFTER_RE = re.compile(
    r"(?:(?:,[^.;:!?,]{1,60}){1,3},)?"
    r"\s+(?:was|is|were|are|had|has)\s+(?:been\s+|already\s+|long\s+)?(?:gone|missing|stolen|vanished|lost)\b",
    re.I,
)


def objects_in_view(beat: str, cast: list[str], shown: list[str]) -> list[str]:
    """`shown` and, after them, the cast's objects known by a noun ("the Marlwood Diamond") that the beat's own
    words name by it ("held the diamond up to the light"), at most four: what a panel says is there is drawn. One
    only reported or missing ("the diamond was gone") is not there."""
    stops = [m.start() for m in _STOP_RE.finditer(beat)]
    quotes = [span for q in find_quotes(beat) for span in (q.start, q.end)]
    found = list(shown)
    for name in cast:
        noun = name.split()[-1].lower()
        if name in found or noun not in OBJECTS or len(found) >= 4:
            continue
        for m in re.finditer(rf"\b(?:the|{'|'.join(_HOLDERS)}) {re.escape(noun)}\b", beat, re.I):
            k = bisect.bisect_left(stops, m.start())
            sentence = set(lower_words(beat[stops[k - 1] + 1 if k else 0 : stops[k] if k < len(stops) else None]))
            if not inside(quotes, m.start()) and not _hearsay(beat, stops, m.start()) and not sentence & _GONE:
                found.append(name)
                break
    return found


_HOLDERS = ("his", "her", "its", "their")


def inside(spans: list[int], position: int) -> bool:
    """Whether `position` falls inside one of the (start, end, start, end, ...) spans."""
    return bisect.bisect_right(spans, position) % 2 == 1


def _hearsay(beat: str, stops: list[int], position: int) -> bool:
    """Whether the sentence around `position` only reports on someone ("the news was on every tongue: ...");
    `stops` are the beat's sentence stops in order."""
    k = bisect.bisect_left(stops, position)
    start = stops[k - 1] + 1 if k else 0
    end = stops[k] if k < len(stops) else len(beat)
    if end - start > 400:
        start, end = max(start, position - 200), min(end, position + 200)  # an unpunctuated run: look nearby
    return bool(set(lower_words(beat[start:end])) & REPORT_CUES)


_STOP_RE = re.compile(r"[.!?]")


_POSSESSIVE_AFTER_RE = re.compile(rf"[{APOSTROPHES}]s\b")


def last_mentioned(text: str, aliases: Aliases) -> str | None:
    """The cast member named last in `text` outside quotes: whom a pronoun after it most likely means."""
    by_first: dict[str, Aliases] = {}
    for alias in aliases:
        by_first.setdefault(alias[0][0], []).append(alias)
    quotes = [span for q in find_quotes(text) for span in (q.start, q.end)]
    runs = list(_ALNUM_RUN_RE.finditer(text))
    slugs = [word_slug(m.group(0)) for m in runs]
    last = None
    for i, slug in enumerate(slugs):
        for tokens, name in by_first.get(slug, ()):
            written = [m.group(0) for m in runs[i : i + len(tokens)]]
            common = all(w.islower() for w in written) and set(tokens) <= _COMMON_WORDS and not is_nameless(name)
            if tuple(slugs[i : i + len(tokens)]) == tokens and not common and not inside(quotes, runs[i].start()):
                last = name
                break
    return last
