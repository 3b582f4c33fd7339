"""Reading the prompt: its hero, the creatures, objects and concepts it names, its place, and its quest."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from providers.offline.lexicon import (
    APOSTROPHES,
    CONCEPTS,
    CREATURES,
    DETERMINERS,
    HOSTILE_VERBS,
    HUMANOIDS,
    MODALS,
    NOT_MODIFIER_WORDS,
    NOT_MODIFIERS,
    OBJECTS,
    PLACE_BIOMES,
    PREPOSITIONS,
    RSQUO,
)
from providers.offline.text import a_or_an, base_verb, singular


@dataclass(frozen=True)
class Thing:
    """A creature, object or concept the prompt mentions: its lexicon noun and the prompt's own phrase for it."""

    kind: str  # "creature", "object" or "concept"
    noun: str
    phrase: str


@dataclass
class PromptFacts:
    """What the prompt tells the writer."""

    hero_noun: str | None = None
    hero_phrase: str | None = None
    things: list[Thing] = field(default_factory=list)
    place: str | None = None
    legend: str = ""
    quest: str | None = None
    hostile: bool = False


_PROMPT_WORD = rf"[^\W\d_][\w{APOSTROPHES}-]*"


def _first_sentence(prompt: str) -> str:
    """The prompt's first sentence, at most 30 words, without end punctuation or double quotes (they mark speech)."""
    sentence = re.split(r"(?<=[.!?])\s+|\n+", prompt.strip())[0]
    if sentence.isupper():
        sentence = sentence.lower()  # a shouted prompt reads as ordinary text
    words = sentence.replace('"', "'").replace("“", "'").replace("”", "'").split()[:30]
    return " ".join(words).rstrip(".!?;:, ")


def _noun_kind(word: str) -> str | None:
    if word in HUMANOIDS:
        return "hero"
    if word in CREATURES:
        return "creature"
    if word in OBJECTS:
        return "object"
    if word in CONCEPTS:
        return "concept"
    return None


def _is_head_noun(lower: list[str], i: int) -> bool:
    """A lexicon noun that is not the first half of a compound ("ghost" in "ghost ship" is a modifier)."""
    compound = i + 1 < len(lower) and _noun_kind(singular(lower[i + 1])) is not None
    return _noun_kind(singular(lower[i])) is not None and not compound


def _modifiers(lower: list[str], index: int) -> list[str]:
    """Up to two words right before `index` that describe it ("sea" in "sea monster", "ghost" in "ghost ship")."""
    mods: list[str] = []
    j = index - 1
    while j >= 0 and len(mods) < 2:
        word = lower[j]
        if word in DETERMINERS | PREPOSITIONS | MODALS | NOT_MODIFIER_WORDS:
            break
        if word.endswith(("'s", RSQUO + "s")) or (_noun_kind(singular(word)) and j != index - 1):
            break
        if j > 0 and _noun_kind(singular(lower[j - 1])) and not _noun_kind(singular(word)):
            break  # "keeper befriends sea monster": a word right after a noun is its verb
        if word in HOSTILE_VERBS:
            break
        mods.insert(0, word)
        j -= 1
    return [m for m in mods if m not in NOT_MODIFIERS]


@dataclass(frozen=True)
class _Clause:
    """The shape of the prompt's first sentence, as word indexes."""

    lead: int  # words in a leading adverbial ("In a world without colour, ...")
    subject: int | None  # the subject's (first) head noun
    predicate: int | None  # where the verb phrase starts
    plural: bool
    relative: bool  # "a dragon who is afraid of fire" is a noun phrase, not a clause


def _clause(sentence: str, lower: list[str]) -> _Clause:
    """Find the subject and where its predicate starts, allowing a leading adverbial and 'X and her Y'."""
    lead = 0
    if lower and lower[0] in PREPOSITIONS and ", " in sentence:
        lead = len(re.findall(_PROMPT_WORD, sentence.split(", ", 1)[0]))
    subject = None
    for i in range(lead, min(lead + 6, len(lower))):
        if lower[i] in PREPOSITIONS:
            break
        if _is_head_noun(lower, i):
            subject = i
            break
    if subject is None:
        return _Clause(lead, None, None, False, False)
    plural = singular(lower[subject]) != lower[subject]
    j = subject + 1
    if j < len(lower) and lower[j] == "and":
        # "a girl and her fox search ...": the subject runs to the second noun and is plural.
        second = next((k for k in range(j + 1, min(j + 5, len(lower))) if _is_head_noun(lower, k)), None)
        if second is not None:
            plural, j = True, second + 1
    relative = j < len(lower) and lower[j] in {"who", "that", "which"}
    j += 1 if relative else 0
    return _Clause(lead, subject, j if j < len(lower) else None, plural, relative)


def _quest(words: list[str], clause: _Clause) -> str | None:
    """The predicate in base form ("befriend a sea monster"), when there is one."""
    if clause.predicate is None:
        return None
    rest = words[clause.predicate :]
    if len(rest) < 2 or rest[0].lower() in PREPOSITIONS | DETERMINERS | {"and", "or"}:
        return None
    head, tail = rest[0].lower(), rest[1:]
    if head in MODALS:
        return " ".join(tail)
    if head in {"is", "are"}:
        return " ".join(["be", *tail])
    if head in {"has", "have"}:
        return " ".join(["have", *tail])
    if head.endswith("ed"):
        return None  # past tense: no base form without a dictionary
    if clause.plural:
        return " ".join([head, *tail])
    if head.endswith("s") and len(head) > 2:
        return " ".join([base_verb(head), *tail])
    return None


def _legend(sentence: str, lower: list[str], clause: _Clause) -> str:
    """How the town tells the prompt as an old tale: 'in which <clause>' or 'of <noun phrase>'."""
    text = sentence
    concept = clause.subject is not None and _noun_kind(singular(lower[clause.subject])) == "concept"
    if lower and not concept and (lower[0] in DETERMINERS | PREPOSITIONS or _noun_kind(singular(lower[0]))):
        text = text[:1].lower() + text[1:]
    bare = clause.lead == 0 and clause.subject is not None and lower[0] not in DETERMINERS
    if bare and not clause.plural and not concept:
        text = f"{a_or_an(text)} {text}"
    predicate = lower[clause.predicate] if clause.predicate is not None else ""
    if predicate and not clause.relative and predicate not in PREPOSITIONS | DETERMINERS | {"and", "or"}:
        return f"in which, {text}" if clause.lead else f"in which {text}"
    return f"of {text}"


def read_prompt(prompt: str) -> PromptFacts:
    """Find the prompt's hero, creatures, objects, concepts, place, and the quest its verb implies."""
    sentence = _first_sentence(prompt)
    words = re.findall(_PROMPT_WORD, sentence)
    lower = [w.lower() for w in words]
    facts = PromptFacts()
    for i, word in enumerate(lower):
        noun = singular(word)
        kind = _noun_kind(noun)
        phrase = " ".join([*_modifiers(lower, i), noun])
        if kind == "hero" and facts.hero_noun is None and _is_head_noun(lower, i):
            facts.hero_noun, facts.hero_phrase = noun, phrase
        elif kind in {"creature", "object", "concept"} and _is_head_noun(lower, i):
            if all(t.noun != noun for t in facts.things):
                facts.things.append(Thing(kind, noun, phrase))
        if facts.place is None and (word in PLACE_BIOMES or noun in PLACE_BIOMES):
            facts.place = word if word in PLACE_BIOMES else noun
    clause = _clause(sentence, lower)
    facts.legend = _legend(sentence, lower, clause)
    if clause.subject is not None and _noun_kind(singular(lower[clause.subject])) == "hero":
        facts.quest = _quest(words, clause)
    facts.hostile = any(w in HOSTILE_VERBS for w in lower)
    facts.things = facts.things[:3]
    return facts
