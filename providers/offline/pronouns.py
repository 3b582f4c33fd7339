"""Whom a story calls he and whom she: each he, him, his, she or her outside speech goes to the person named last
before it (past those the first reading found of the other sex), and a person is the sex most of
theirs say. A brief that says neither ("Bjoror Highmore, a lonely knight in a green surcoat") is given the first
sentence of the story that calls its person he or she, so that the drawing, which reads only the profile, draws a man
the story calls he as a man (a bun of hair read as a woman)."""

from __future__ import annotations

import re
from collections import Counter

from providers.offline.data import load
from providers.offline.lexicon import COLOURS, TITLES
from providers.offline.mentions import Entity, Story

_PRONOUN_RE = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.I)
_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_SEXES = load("looks")["sex_words"]
_SEX_WORDS = {"m": frozenset(_SEXES["m"].split()), "f": frozenset(_SEXES["f"].split())}
_SPEECH_RE = re.compile(r"\"[^\"]*\"|“[^”]*”")
_WORD_RE = re.compile(r"[a-z]+")
_RECENT = 3  # how many people named last a pronoun may go back to


def _speech(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SPEECH_RE.finditer(text)]


def _outside(spans: list[tuple[int, int]], at: int) -> bool:
    return not any(a <= at < b for a, b in spans)


def story_sexes(story: Story, entities: list[Entity]) -> dict[str, tuple[str, list[int]]]:
    """For each entity the story's pronouns call he or she: 'm' or 'f', and where those pronouns of theirs are."""
    speech = _speech(story.text)
    events: list[tuple[int, str, str]] = [  # (where, "name"/"pronoun", the entity's name or the pronoun's sex)
        (at, "name", name) for at, name in _named(story.text, entities) if _outside(speech, at)
    ]
    events += [
        (m.start(), "pronoun", "m" if m.group(1).lower() in _MALE_PRONOUNS else "f")
        for m in _PRONOUN_RE.finditer(story.text)
        if _outside(speech, m.start())
    ]
    events.sort()
    guess = {name: _majority(c) for name, (c, _) in _count(events, {}).items()}
    found = {}
    for name, (counts, at) in _count(events, guess).items():
        sex = _majority(counts)
        if sex is not None:
            found[name] = (sex, [where for where, said in at if said == sex])
    return found


def _named(text: str, entities: list[Entity]) -> list[tuple[int, str]]:
    """Where each entity is named: by any of its forms or their words (not a title: "Talayo" and "Iloika" of
    "Director Iloika Talayo"), a word two of them share naming neither."""
    owners: dict[str, set[str]] = {}
    for entity in entities:
        for form in [entity.name, *entity.forms]:
            for word in {form, *form.split()}:
                if word[:1].isupper() and word.lower() not in TITLES:
                    owners.setdefault(word, set()).add(entity.name)
    words = {word: next(iter(names)) for word, names in owners.items() if len(names) == 1}
    if not words:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")
    return [(m.start(), words[m.group(0)]) for m in pattern.finditer(text)]


def _count(
    events: list[tuple[int, str, str]], guess: dict[str, str | None]
) -> dict[str, tuple[Counter[str], list[tuple[int, str]]]]:
    counts: dict[str, tuple[Counter[str], list[tuple[int, str]]]] = {}
    recent: list[str] = []
    for where, kind, value in events:
        if kind == "name":
            recent = [value, *(n for n in recent if n != value)][:_RECENT]
        elif recent:
            owner = next((n for n in recent if guess.get(n) in (value, None)), recent[0])
            tally, at = counts.setdefault(owner, (Counter(), []))
            tally[value] += 1
            at.append((where, value))
    return counts


def _majority(counts: Counter[str]) -> str | None:
    return "m" if counts["m"] > counts["f"] else "f" if counts["f"] > counts["m"] else None


def worn_by(look: str, subj: str, poss: str) -> str:
    """ "her yellow coat" of "a yellow coat": what a story writes an ally in, so that the ally is called he or she
    outside speech (this reader reads only the narration's pronouns) in words their brief keeps, and the drawing
    knows a man from a woman; the look as it is for an "it" (a robot)."""
    if subj not in ("he", "she"):
        return look
    return re.sub(r"^(?:(?:a|an|the)\s+)?", f"{poss} ", look, count=1)


def says_sex(text: str) -> bool:
    """Whether the words already call someone he or she ("his eyes", "a girl", "Grandmother ...")."""
    words = set(_WORD_RE.findall(text.lower()))
    return bool(words & (_SEX_WORDS["m"] | _SEX_WORDS["f"]))


def with_pronoun(brief: str, pronouns: list[int], story: Story, most: int) -> str:
    """The brief, and after it the first sentence of the story (of `most` characters in all, no speech in it, and no
    word the drawing would read as a look the brief does not give: a hat, a lantern, a colour, "old") with one of
    the person's `pronouns`:
    "..., with a lucky copper coin on a chain. She pressed a brass key into Iggyette's hands." The brief as it is if
    it says he or she already, or no such sentence fits."""
    if says_sex(brief):
        return brief
    for at in pronouns:
        start, end = story.sentence_span(at)
        quote = max(story.text.rfind('"', start, at), story.text.rfind("”", start, at))
        sentence = story.text[max(start, quote + 1) : end].strip()  # '"This time, it is you." He pressed ...'
        if not sentence[:1].isupper() or sentence in brief or '"' in sentence or "“" in sentence:
            continue
        # No look the brief does not give already: "He pressed an old horn ..." of "Old Dagric ..." changes nothing.
        if not _new_looks(sentence, brief) and len(brief) + 1 + len(sentence) <= most:
            return f"{brief} {sentence}"
    return brief


def _new_looks(sentence: str, brief: str) -> set[str]:
    """The words of `sentence` the drawing would read a look from that `brief` does not have."""
    said = {m.group(1) for m in _LOOK_WORDS_RE.finditer(brief.lower())}
    return {m.group(1) for m in _LOOK_WORDS_RE.finditer(sentence.lower())} - said


# Words the drawing reads a look from (data/looks.toml: hats, props; colours; "old" greys the hair).
_LOOKS = load("looks")
_LOOK_WORDS = {w for table in ("hats", "props") for words in _LOOKS[table].values() for w in words}
_LOOK_WORDS |= set(COLOURS) | set(
    "old elder grey gray beard moustache mustache bald hair braid bun scar eye eyepatch mask glasses spectacles "
    "goggles scarf cape cloak".split()
)
# As the drawing finds them (pen.has_any): whole words, with their common endings ("older" is old, "oldest" not).
_LOOK_WORDS_RE = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(_LOOK_WORDS, key=len, reverse=True)) + r")"
    r"(?:s|es|y|ies|ing|ed|er|ers)?\b"
)
