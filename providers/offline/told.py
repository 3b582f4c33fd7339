"""How a story says a person looks, in English, French or Spanish: the colours they wear ("a red cloak", "un tablier
blanc"), not those of their hair or face ("a grey beard", "les cheveux roux", "a red face"); and their hair, beard,
glasses and hat as English phrases ("a grey beard", "red hair", "glasses", "a white hat"), which the drawing reads."""

from __future__ import annotations

import re

from providers.offline.data import load, words
from providers.offline.lexicon import COLOURS
from providers.offline.looks import colour_read
from providers.offline.text import a_or_an, trim

_T = load("reader")["told"]
_HAIR = words(_T["hair_nouns"])
_BEARD = words(_T["beard_nouns"])
_MOUSTACHE = words(_T["moustache_nouns"])
_NOT_WORN = _HAIR | _BEARD | _MOUSTACHE | words(_T["body_nouns"])
_NEGATIONS = words(_T["negations"])
_HAIR_COLOURS = words(_T["hair_colours"])
_TALE_HAIR: dict[str, str] = {w: c for c, ws in load("reader")["told_hair"].items() for w in ws.split()}
_EYEWEAR: dict[str, str] = {w: english for english, ws in _T["eyewear"] for w in ws.split()}
_HEADWEAR: dict[str, str] = {w: english for english, ws in _T["headwear"] for w in ws.split()}
_DESCRIBED_RE = re.compile(
    r"^(?:" + "|".join(p.replace("_", r"\s+") for p in _T["described_by"].split()) + r")\b", re.I
)

# Words split at hyphens for looks ("red-haired" is red and haired), whole for colours.
_WORD_RE = re.compile(r"[^\W\d_]+")
_WHOLE_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['-])*")

# English puts a colour before its noun ("a grey beard"), French and Spanish after it ("la barbe grise").
_NEAR = 2


_MEN = words(_T["men"])
_WOMEN = words(_T["women"])


def man_or_woman(text: str) -> str | None:
    """'man' or 'woman' for the first word of a tale's `text` (a name with its title, an appositive) that says
    which ("Monsieur Delacroix", "un vieil homme", "una mujer"), else None."""
    for word in _WORD_RE.findall(text.lower()):
        if word in _MEN or word in _WOMEN:
            return "man" if word in _MEN else "woman"
    return None


def describes(sentence: str) -> bool:
    """Whether a sentence describes someone by a pronoun ("She was a lean woman ...", "Llevaba un abrigo ...")."""
    return _DESCRIBED_RE.match(sentence) is not None


def worn_colours(text: str, foreign: bool) -> list[str]:
    """The colours (lexicon hex, in order, once each) `text` dresses someone in: colour words but those of a hair,
    beard or face noun next to them, or capitalised (a name: Rosa, Amber)."""
    found: list[str] = []
    tokens = _WHOLE_WORD_RE.findall(text)  # "black-sailed ships" are no black, "storm-black" no night's colour
    lower = [t.lower() for t in tokens]
    for i, word in enumerate(lower):
        if tokens[i][0].isupper():
            continue
        colour = colour_read(word, foreign)
        if colour is None:
            continue
        near = lower[max(0, i - _NEAR) : i] if foreign else lower[i + 1 : i + 1 + _NEAR]
        if set(near) & _NOT_WORN:
            continue  # "a white beard", "a silver braid", "les yeux verts": not the clothes' colour
        hex_ = COLOURS[colour]
        if hex_ not in found:
            found.append(hex_)
    return found


def told_looks(text: str, foreign: bool) -> list[str]:
    """The hair, beard, glasses and hats `text` gives someone, as English phrases in order, once each: "red hair",
    "a grey beard", "a moustache", "spectacles", "a green hat" ("sin sombrero", "without his glasses": none)."""
    lower = [t.lower() for t in _WORD_RE.findall(text)]
    found: list[str] = []
    for i, word in enumerate(lower):
        if set(lower[max(0, i - 3) : i]) & _NEGATIONS:
            continue
        phrase = _look(lower, i, word, foreign)
        if phrase and phrase not in found:
            found.append(phrase)
    return found


def _look(lower: list[str], i: int, word: str, foreign: bool) -> str | None:
    if word in _HAIR:
        colour = _hair_colour(lower, i, foreign)
        return f"{colour} hair" if colour else None
    if word in _BEARD:
        colour = _hair_colour(lower, i, foreign)
        return f"{a_or_an(colour)} {colour} beard" if colour else "a beard"
    if word in _MOUSTACHE:
        return "a moustache"
    if word in _EYEWEAR:
        return _EYEWEAR[word]
    if word in _HEADWEAR:
        near = lower[i + 1 : i + 1 + _NEAR] if foreign else lower[max(0, i - _NEAR) : i][::-1]
        colour = next((c for c in (colour_read(w, foreign) for w in near) if c), None)
        return f"{a_or_an(colour)} {colour} {_HEADWEAR[word]}" if colour else f"a {_HEADWEAR[word]}"
    return None


def _hair_colour(lower: list[str], i: int, foreign: bool) -> str | None:
    """The English colour word of the hair or beard at `i`: the word before it in English ("a long white beard"),
    after it in a tale ("les cheveux roux": red)."""
    if foreign:
        for word in lower[i + 1 : i + 1 + _NEAR]:
            said = _TALE_HAIR.get(word) or _TALE_HAIR.get(word.removesuffix("s"))
            if said:
                return said
        return None
    return next((w for w in reversed(lower[max(0, i - _NEAR) : i]) if w in _HAIR_COLOURS), None)


def with_looks(form: str, looks: list[str], said: str, limit: int) -> str:
    """The visual form with the looks the drawing would not find in `said` (the form and brief) after it: "retired
    sailor in a blue wool coat, with a grey beard", at most `limit` characters."""
    missing = [look for look in looks if not _said(look, said)][:4]
    while missing:
        tail = ", with " + (f"{', '.join(missing[:-1])} and {missing[-1]}" if len(missing) > 1 else missing[0])
        if len(tail) <= limit // 2:
            return (form if len(form) + len(tail) <= limit else trim(form, limit - len(tail))) + tail
        missing.pop()  # the looks told first are kept whole, not a word of the last
    return form


def _said(look: str, text: str) -> bool:
    """Whether `text` already gives the look: its noun, and the colour if it has one ("a long white beard")."""
    *words_, noun = look.split()
    colour = words_[-1] if words_ and words_[-1] not in ("a", "an") else None
    lower = [t.lower() for t in _WORD_RE.findall(text)]
    for i, word in enumerate(lower):
        if word == noun or (noun == "hair" and word in _HAIR):  # "a silver braid" gives silver hair
            if colour is None or colour in lower[max(0, i - _NEAR) : i]:
                return True
    return False
