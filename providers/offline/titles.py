"""Titles and roles of one sex: a person the story calls she is a "dark sorceress", not a "dark sorcerer", one it
calls he a "sea warlock", not a "sea witch" (data/words.toml [feminine], data/cast.toml [titles]); a person the
prompt names by a noun of one sex ("an evil sorcerer", "a princess") is of that sex; and the role of a tale's place
that a prompt names ("une gouvernante") is its hero's, of the sex the word is."""

from __future__ import annotations

import re

from providers.offline.data import load
from providers.offline.foreign import english
from providers.offline.lexicon import FEMALE, FEMININE, MALE

_PAIRS: dict[str, str] = {**FEMININE, **load("cast")["titles"]}  # masculine -> feminine
_TO = {
    "she": _PAIRS,
    "he": {f: m for m, f in reversed(list(_PAIRS.items()))},  # the first masculine of a feminine: its "witch" a warlock
}
# Whole words, not whose a thing is: "the warden of the king's wood" of a she is no queen's warden.
_TITLE_RES = {
    subj: re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(table, key=len, reverse=True))) + r")\b(?!['\u2019]s)")
    for subj, table in _TO.items()
}
_SEXES = load("looks")["sex_words"]
_NOUN_SEXES = {
    **{w: "m" for w in (*_SEXES["m"].split(), *MALE)},
    **{w: "f" for w in (*_SEXES["f"].split(), *FEMALE)},
}


def titled_for(phrase: str, subj: str) -> str:
    """`phrase` with each title of the other sex than `subj`'s ("he", "she") made one of `subj`'s: "dark sorcerer"
    of a she is "dark sorceress", "sea witch" of a he "sea warlock"; as it is for an "it"."""
    table, pattern = _TO.get(subj), _TITLE_RES.get(subj)
    if table is None or pattern is None:
        return phrase
    return pattern.sub(lambda m: table[m.group(0)], phrase)


def noun_sex(noun: str | None) -> str | None:
    """'m' or 'f' when the noun a prompt names a person by is of one sex ("sorcerer", "princess"), else None."""
    return _NOUN_SEXES.get((noun or "").lower())


def named_role(prompt: str, roles: list[str]) -> tuple[str | None, str] | None:
    """The hero's role and its sex when the prompt names its person by a word the glossary does not know: the first
    role of the tale's place ("masculine|feminine") the prompt names in either form ("une gouvernante découvre un
    secret": ("gouvernante", "f")); else, when it opens with an article and such a word, the article's sex and no
    role ("una institutriz descubre ...": (None, "f"): a she, of the place's roles); else None."""
    lower = prompt.lower()
    named = [
        (found.start(), form, sex)
        for role in roles
        for form, sex in zip(role.split("|"), "mf", strict=False)
        if (found := re.search(rf"(?<![^\W\d_]){re.escape(form)}(?![^\W\d_])", lower))
    ]
    if named:
        return min(named)[1:]
    opening = _OPENING_RE.match(lower)
    # Not the word itself as the role: "une lumière étrange apparaît" opens with no one, though a she is harmless.
    if opening is None or english(opening.group(2)) != opening.group(2):  # "una carrera": a race the glossary knows
        return None
    return None, "m" if opening.group(1) == "un" else "f"


# "Une gouvernante ...", "Un horloger ...": a prompt that opens with its person.
_OPENING_RE = re.compile(r"\s*(une|una|un)\s+([^\W\d_]+)")
