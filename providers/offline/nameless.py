"""Reading a story: the people it never names ("the old woman", "the fisherman"), for a story with few or no names,
so its comic still has someone to draw."""

from __future__ import annotations

import re
from collections import Counter

from providers.offline.lexicon import CREATURES, HUMANOIDS, STOPWORDS
from providers.offline.mentions import Entity, Mention

_NOUNS = HUMANOIDS | CREATURES
_PHRASE_RE = re.compile(r"\b[Tt]he\s+([a-z][a-z-]*)(?:\s+([a-z]+))?\b")  # "the old woman", "the fisherman who"
_SPOKEN_RE = re.compile(r"\b(?:said|asked|cried|whispered|replied|called)\s+the\s+(?:[a-z-]+\s+)?([a-z]+)\b")
_NAME_AFTER_RE = re.compile(r"\s+[A-Z]")
_MOST = 3


def is_nameless(name: str) -> bool:
    """Whether a cast name is one of these ('The Old Woman'): written in lower case in the story, and still her."""
    words = name.lower().split()
    return len(words) > 1 and words[0] == "the" and words[-1] in _NOUNS


def nameless_entities(text: str) -> list[Entity]:
    """'The Old Woman', 'The Fisherman': each singular person or creature the story calls 'the (adjective) noun', as
    an entity mentioned wherever the phrase stands, the most mentioned first (at most three)."""
    phrases: dict[str, Counter[str]] = {}
    found: dict[str, list[re.Match[str]]] = {}
    for match in _PHRASE_RE.finditer(text):
        adjective, noun = (match.group(1), match.group(2)) if match.group(2) in _NOUNS else (None, match.group(1))
        if noun not in _NOUNS or (adjective and (adjective in _NOUNS or adjective in STOPWORDS - {"old"})):
            continue
        if _NAME_AFTER_RE.match(text, match.end()):
            continue  # "the boy Jean-Luc": a named person's description
        phrases.setdefault(noun, Counter())[f"{adjective} {noun}" if adjective else noun] += 1
        found.setdefault(noun, []).append(match)
    speakers = {m.group(1) for m in _SPOKEN_RE.finditer(text)}
    entities = []
    for noun, matches in found.items():
        phrase = phrases[noun].most_common(1)[0][0]
        entity = Entity(f"The {phrase.title()}", named_as=phrase, introduced=True, speaks=int(noun in speakers))
        for m in matches:
            entity.mentions.append(Mention(entity.name, m.start(), m.end(), m.group(0)[0] == "T", "the"))
            entity.forms[entity.name] += 1
        entities.append(entity)
    return sorted(entities, key=lambda e: -len(e.mentions))[:_MOST]
