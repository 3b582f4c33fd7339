"""Prompts in other languages (data/glossary.toml): recognise the language and gloss the nouns the writer knows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from providers.offline.data import load, words
from providers.offline.lexicon import APOSTROPHES, DETERMINERS, PREPOSITIONS

_GLOSSARY = load("glossary")["languages"]
_MARKERS = {code: words(table["markers"]) for code, table in _GLOSSARY.items()}
_ENGLISH_MARKERS = (DETERMINERS | PREPOSITIONS | {"and", "is", "are", "who", "where"}) - {"in", "on", "a"}
_WORD_RE = re.compile(rf"[^\W\d_]+(?:[{APOSTROPHES}-][^\W\d_]+)*")


@dataclass(frozen=True)
class Glossed:
    """A foreign prompt: its language's English name and the prompt with every known noun glossed in English."""

    language: str
    english: str


def gloss(prompt: str) -> Glossed | None:
    """The prompt glossed word by word when it is mostly another language's small words, else None (English)."""
    found = [w.lower() for w in _WORD_RE.findall(prompt)[:200]]
    english = sum(w in _ENGLISH_MARKERS for w in found)
    scores = sorted(((sum(w in markers for w in found), code) for code, markers in _MARKERS.items()), reverse=True)
    best, code = scores[0]
    if best < 2 or best <= english:
        return None
    table: dict[str, str] = _GLOSSARY[code]["words"]
    glossed = _WORD_RE.sub(lambda m: table.get(m.group(0).lower(), m.group(0)), prompt)
    return Glossed(_GLOSSARY[code]["name"], glossed)
