"""What people do and feel in a beat, in plain words ("Stonecrest scowls", "Siga falls", "afraid"), for the panel's
background: the renderer poses figures and gives them expressions by such words."""

from __future__ import annotations

import re
from collections.abc import Callable

from providers.offline.lexicon import ACTIONS, SPEECH_VERBS
from providers.offline.sentences import CAPWORD

_ACTION_RES = tuple((re.compile(rf"\b(?:{pattern})(?!\w)"), word) for pattern, word in ACTIONS)
_NAME_BEFORE_RE = re.compile(rf"({CAPWORD}),?\s+(?:[a-z]+\s+)?$")  # "Siga fell", "Siga then fell", "Hazelel, furieux"
_NAME_AFTER_RE = re.compile(rf"\s+({CAPWORD})")  # '"..." sneered Stonecrest'
_SPEECH_RE = re.compile(rf"(?:{SPEECH_VERBS})$")


def actions(plain: str, is_cast: Callable[[str], bool], most: int = 4) -> list[str]:
    """The beat's actions and feelings in order, each with who does it when a cast name says so, at most `most`.

    `plain` is the beat without its quotes (a line saying "do not be afraid" is nobody's fear).
    """
    found: dict[str, tuple[int, str]] = {}  # word -> (where first, "who word"): one each, the doer once known
    for pattern, word in _ACTION_RES:
        for match in pattern.finditer(plain):
            doer = _doer(plain, match, is_cast)
            first = found.get(word)
            if first is None or (doer and first[1] == word):
                found[word] = (first[0] if first else match.start(), f"{doer} {word}".strip())
    return [text for _, text in sorted(found.values())][:most]


def _doer(plain: str, match: re.Match[str], is_cast: Callable[[str], bool]) -> str:
    """The cast name right before the action ("Siga fell"), or right after a speech verb ("sneered Stonecrest")."""
    before = _NAME_BEFORE_RE.search(plain, max(0, match.start() - 40), match.start())
    if before and is_cast(before.group(1)):
        return before.group(1)
    after = _NAME_AFTER_RE.match(plain, match.end())
    if after and _SPEECH_RE.search(match.group(0)) and is_cast(after.group(1)):
        return after.group(1)
    return ""
