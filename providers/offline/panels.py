"""Reading a story: the panel breakdown (beats, setting, time, mood, characters named, first line of dialogue)."""

from __future__ import annotations

import heapq
import itertools
import re
from functools import lru_cache

from domain.drafts import PanelDraft
from domain.names import slugify
from providers.offline.lexicon import (
    APOSTROPHES,
    COLOURS,
    CONCEPTS,
    CREATURES,
    HUMANOIDS,
    MOODS,
    NOT_PLACES,
    OBJECTS,
    SETTING_PREPOSITIONS,
    SPEECH_VERBS,
    STOPWORDS,
    TIME_WORDS,
    TITLES,
)
from providers.offline.mentions import TIME_CLAUSE_RE
from providers.offline.sentences import find_quotes, iter_sentences, split_paragraphs, split_sentences
from providers.offline.text import cap, lower_words, trim

# A place phrase: "[Back ]in the lighthouse on the black rocks", "along the Seine", "in Paris".
_SETTING_PHRASE = (
    rf"(?i:(?:back|down|up|out|deep|high|far|somewhere)\s)?(?i:{SETTING_PREPOSITIONS})\s+"
    rf"(?:(?:(?i:the|a|an)|[A-Z]\w+[{APOSTROPHES}]s)\s[^,.;:!?\"“”]{{3,90}}|[A-Z]\w+(?:\s[A-Z]\w+)*)"
)

_OPENING_SETTING_RE = re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=,\s))({_SETTING_PHRASE})")

_ANY_SETTING_RE = re.compile(rf"\b({_SETTING_PHRASE})")

_TIME_WORD_RES = tuple((re.compile(rf"\b{word}\b"), phrase) for word, phrase in TIME_WORDS)

_MOOD_RES = tuple((re.compile(rf"\b(?:{pattern})\b"), name) for pattern, name in MOODS)


def _beats(text: str) -> list[str]:
    """Story beats: paragraphs, split by sentences up to at least six, merged down to at most twelve."""
    beats = split_paragraphs(text)
    while len(beats) < 6:
        split = [(len(split_sentences(b)), i) for i, b in enumerate(beats)]
        count, index = max(split)
        if count < 2:
            break
        sentences = split_sentences(beats[index])
        half = count // 2
        beats[index : index + 1] = [" ".join(sentences[:half]), " ".join(sentences[half:])]
    return _merge_shortest(beats, 12)


def _merge_shortest(beats: list[str], most: int) -> list[str]:
    """Join the adjacent pair with the shortest combined text (leftmost on a tie) until at most `most` remain.

    A heap of candidate pairs, stale ones skipped, keeps this O(n log n) in paragraphs; rescanning every pair for
    each merge is quadratic (a story of thousands of one-line paragraphs).
    """
    end = remaining = len(beats)
    groups: list[list[str] | None] = [[beat] for beat in beats]  # each merged beat's paragraphs, kept at its first
    lengths = [len(beat) for beat in beats]  # of the joined group
    following = list(range(1, end + 1))  # index of the next live group, `end` for none
    preceding = list(range(-1, end - 1))  # -1 for none
    pairs = [(lengths[i] + 1 + lengths[i + 1], i, i + 1) for i in range(end - 1)]
    heapq.heapify(pairs)
    while remaining > most:
        total, left, right = heapq.heappop(pairs)
        group, merged = groups[left], groups[right]
        # Lengths only grow, so a pair whose total changed (or whose right side moved on) is stale.
        if group is None or merged is None or following[left] != right or lengths[left] + 1 + lengths[right] != total:
            continue
        group.extend(merged)
        groups[right] = None
        lengths[left] = total
        following[left] = following[right]
        if following[left] < end:
            preceding[following[left]] = left
            heapq.heappush(pairs, (total + 1 + lengths[following[left]], left, following[left]))
        if preceding[left] >= 0:
            heapq.heappush(pairs, (lengths[preceding[left]] + 1 + total, preceding[left], left))
        remaining -= 1
    return [" ".join(group) for group in groups if group is not None]


def _without_quotes(text: str) -> str:
    return _QUOTED_RE.sub(" ", text)


_QUOTED_RE = re.compile(r'"[^"]*"|“[^”]*”')

_SETTING_END_RE = re.compile(r"\s(?:until|while|when|as|and then)\s")


def _setting(plain: str) -> str:
    """The beat's place: a phrase opening a sentence or clause, else any place-like phrase that is not clothing."""
    # Lazily: the first fitting phrase is usually near the start of a beat that may be long.
    candidates = (
        m.group(1) for m in itertools.chain(_OPENING_SETTING_RE.finditer(plain), _ANY_SETTING_RE.finditer(plain))
    )
    for phrase in candidates:
        phrase = _SETTING_END_RE.split(phrase)[0].strip()
        if not set(lower_words(phrase)) & NOT_PLACES:
            return phrase
    return ""


_SPACES_RE = re.compile(r"\s+")

_CLAUSE_END_RE = re.compile(r":\s|;\s")


def _background(beat: str, inherited: str) -> tuple[str, str]:
    """'<place> <time> (<mood>): <action>' from the beat's own words, and the place it used.

    A beat that names no place stays where the previous one was (`inherited`), as a comic's panels do.
    """
    plain = _SPACES_RE.sub(" ", _without_quotes(beat)).strip()
    own = _setting(plain)
    setting = own or inherited
    low = plain.lower()
    time = next((phrase for word, phrase in _TIME_WORD_RES if word.search(low)), "")
    if time and time.split()[-1] in setting.lower():
        time = ""
    mood = next((name for pattern, name in _MOOD_RES if pattern.search(low)), "")
    action = _action(plain, own)
    scene = " ".join(part for part in (cap(setting), time) if part) or "The scene"
    if mood:
        scene += f" ({mood})"
    room = 240 - len(scene) - 2
    background = f"{scene}: {trim(action, max(room, 20))}"[:240] if action else trim(scene, 240)
    return background, setting


def _action(plain: str, setting: str) -> str:
    """The beat's first real sentence, minus an opening setting phrase and the time clause that follows it."""
    for sentence in iter_sentences(plain):
        rest = sentence
        if setting and rest.startswith(setting):
            rest = rest[len(setting) :]
        rest = rest.strip(" ,")
        # Drop a leading time clause ("one moonless night, ...") now carried by the time of day.
        parts = rest.split(", ", 1)
        if len(parts) == 2 and len(parts[0].split()) <= 8 and TIME_CLAUSE_RE.search(parts[0]):
            rest = parts[1]
        # "the news was on every tongue: the tyrant ..." - the clause before a colon is the action.
        head = _CLAUSE_END_RE.split(rest, maxsplit=1)[0]
        rest = head if len(head.split()) >= 4 else rest
        rest = rest.strip(" ,")
        if len(rest.split()) >= 3:
            return rest.rstrip(".")
    return plain.rstrip(".")


_COMMON_WORDS = STOPWORDS | CONCEPTS | CREATURES | OBJECTS | HUMANOIDS | frozenset(COLOURS)


def _cast_aliases(cast: list[str]) -> list[tuple[tuple[str, ...], str]]:
    """Slug-token sequences that identify each cast member: the full name, plus a unique first or last name."""
    aliases: list[tuple[tuple[str, ...], str]] = []
    singles: dict[str, set[str]] = {}
    for name in cast:
        tokens = tuple(t for t in slugify(name).split("-") if t)
        if not tokens:
            continue
        aliases.append((tokens, name))
        core = [t for t in tokens if t not in TITLES and t != "the"] or list(tokens)
        for token in {core[0], core[-1]}:
            singles.setdefault(token, set()).add(name)
    full_singles = {a[0][0] for a in aliases if len(a[0]) == 1}
    for token, owners in singles.items():
        if len(owners) == 1 and (token,) not in {a[0] for a in aliases} and token not in full_singles:
            aliases.append(((token,), owners.pop()))
    return sorted(aliases, key=lambda a: -len(a[0]))


@lru_cache(maxsize=16384)
def _word_slug(word: str) -> str:
    """`slugify` of one word; a story repeats its words, and slugify (Unicode normalisation) is the costly part."""
    return slugify(word)


_ALNUM_RUN_RE = re.compile(r"[^\W_]+")


def _panel_characters(beat: str, aliases: list[tuple[tuple[str, ...], str]]) -> list[str]:
    """Cast members named in the beat, in order of first mention, spelled as in the cast, at most four."""
    words = [(_word_slug(m.group(0)), m.group(0)) for m in _ALNUM_RUN_RE.finditer(beat)]
    slugs = [w[0] for w in words]
    # Only aliases starting with the word at hand can match there; each keeps its longest-first order.
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for alias in aliases:
        by_first.setdefault(alias[0][0], []).append(alias)
    found: list[str] = []
    i = 0
    while i < len(words):
        for tokens, name in by_first.get(slugs[i], ()):
            if tuple(slugs[i : i + len(tokens)]) != tokens:
                continue
            written = [w[1] for w in words[i : i + len(tokens)]]
            # Lower-case common words ("time", "the storm") are not the characters Time or The Storm.
            if all(w.islower() for w in written) and set(tokens) <= _COMMON_WORDS:
                continue
            if name not in found:
                found.append(name)
            i += len(tokens) - 1
            break
        i += 1
    return found[:4]


_CONTINUATION_RE = re.compile(rf"^\s*,?\s*[^.!?]{{0,60}}(?:{SPEECH_VERBS})[^.!?]{{0,40}},\s*$")


def _dialogue(beat: str) -> str:
    """The beat's first quoted line, credited to its speaker ('Mira: Hold the light!'), else a caption."""
    quotes = find_quotes(beat)
    if not quotes:
        return trim(next(iter_sentences(beat), beat), 160)
    first = quotes[0]
    line = first.text
    # '"Wait," said Mira, "the lamp!"' is one utterance split by its attribution.
    if len(quotes) > 1 and first.speaker:
        between = beat[first.end : quotes[1].start]
        continuation = _CONTINUATION_RE.match(between)
        if continuation:
            line = f"{line} {quotes[1].text}"
    if line.endswith(","):
        line = line[:-1] + "."
    prefix = f"{first.speaker}: " if first.speaker else ""
    return trim(prefix + line, 160)


def panel_drafts(story: str, cast: list[str]) -> list[PanelDraft]:
    aliases = _cast_aliases(list(dict.fromkeys(cast)))
    beats = _beats(story)
    # Before the story names a place, panels use the first place it names at all.
    setting = next((found for found in (_setting(_without_quotes(b)) for b in beats) if found), "")
    panels = []
    for beat in beats:
        background, setting = _background(beat, setting)
        panels.append(
            PanelDraft(background=background, characters=_panel_characters(beat, aliases), dialogue=_dialogue(beat))
        )
    return panels
