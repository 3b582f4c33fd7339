"""What the prompt says its people wear and look like: "a girl in a red coat", "a knight in black armour", "an old
man with a white beard", "a woman with red hair". The plan dresses them so, over the writer's own choice (a given
colour is fixed; the others' colours move round it, looks.py), and the drawing reads it back from the story."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from providers.offline.lexicon import CLOTHING, HUMANOIDS
from providers.offline.looks import colour_named
from providers.offline.text import a_or_an, singular


@dataclass(frozen=True)
class Attire:
    """A person's look as the prompt gives it."""

    garment: str | None = None  # what they are in, with its colour: "red coat", "black armour"
    colour: str | None = None  # the colour it names for them, if any: "red"
    features: tuple[str, ...] = ()  # what they are with: "a white beard", "red hair", "an eyepatch"


# What a person "with" it carries or wears as their own, drawn in their hand or on them (data/looks.toml [props]):
# "a boy with a blue umbrella" holds one; it is no thing of the story's for the cast to draw apart from him.
CARRIED = frozenset("umbrella parasol brolly spyglass telescope coin locket pendant medallion amulet cane".split())
# What a person may be "with" that is their look, not a thing of the story: the above, and their hair and face.
_FEATURES = CARRIED | frozenset(
    "hair beard moustache mustache whiskers braid braids plait plaits ponytail pigtails curls bun eyepatch patch "
    "scar scars spectacles glasses monocle goggles freckles tattoo tattoos eye eyes limp mask".split()
)
# Garments spoken of without an article: "in black armour", "in robes".
_UNCOUNTED = frozenset(
    "armour armor chainmail mail robes rags clothes overalls scrubs whites furs leathers silks velvet silk pyjamas "
    "pajamas tweed black white".split()
)
_WEARING = frozenset({"in", "wearing"})
# Garments named in the plural though one person wears them.
_PAIRED = frozenset("scrubs whites robes overalls clothes rags furs boots trousers leathers silks pyjamas".split())
# Garments of a colour of their own, not to be given the writer's: a chef's whites, armour.
UNCOLOURED = frozenset({"whites", "armour", "armor", "chainmail", "mail"})
# What is worn besides the coat: what a person is "in" then is with it ("in a purple hat": a coat and a purple hat).
_ACCESSORIES = frozenset("hat cap beret bonnet helmet crown scarf goggles boot shoe glove mask hood".split())
_ARTICLES = frozenset({"a", "an", "the", "his", "her", "their", "its", "some"})
_STOPS = frozenset({"and", "with", "who", "that", "which", "in", "on", "at", "of", "to", "for", "from", "by"})
_WORD_RE = re.compile(r"[a-z][a-z'-]*")
_CLOTHES = CLOTHING | frozenset({"armour", "armor", "chainmail", "hat", "boots", "rags", "furs", "mail"})


def read_attire(sentence: str, names: Sequence[str] = ()) -> dict[str, Attire]:
    """The looks the prompt's first sentence gives its people, by their noun ("girl": a red coat) or the name it
    gives them (`names`: "Ada Reyes in a red coat")."""
    words = _WORD_RE.findall(sentence.lower())
    lasts = {name.lower().split()[-1]: name for name in names if name.split()}
    found: dict[str, Attire] = {}
    for i, word in enumerate(words):
        noun = lasts.get(word) or singular(word)
        if (noun not in HUMANOIDS and word not in lasts) or noun in found:
            continue
        garment, j = _garment(words, i + 1)
        features, _ = _features(words, j)
        if garment and singular(garment.split()[-1]) in _ACCESSORIES:  # "a witch in a purple hat": a hat, not a coat
            features, garment = [_a(garment), *features], None
        colour = next((c for w in (garment or "").split() if (c := colour_named(w))), None)
        if garment or features:
            found[noun] = Attire(garment, colour, tuple(features))
    return found


def carried(words: Sequence[str], i: int) -> bool:
    """Whether words[i] is a thing a person is "with" as their own: "a boy with a (big) blue umbrella" (not "a
    dragon with a coin": only a person is dressed by the prompt, read_attire)."""
    if singular(words[i]) not in CARRIED:
        return False
    j = i - 1
    while j >= 0 and i - j <= 4 and words[j] not in _STOPS:
        j -= 1
    return j >= 1 and words[j] == "with" and singular(words[j - 1]) in HUMANOIDS


def _garment(words: list[str], j: int) -> tuple[str | None, int]:
    """'in a red coat' at `j`: ("red coat", where it ends); a colour alone ("in black") is a garment of it."""
    if j >= len(words) or words[j] not in _WEARING:
        return None, j
    k = j + 1 + (j + 1 < len(words) and words[j + 1] in _ARTICLES)
    run: list[str] = []
    while k < len(words) and len(run) < 4 and words[k] not in _STOPS | _ARTICLES:
        run.append(words[k])
        k += 1
    last = max((n for n, w in enumerate(run) if singular(w) in _CLOTHES or w in _CLOTHES), default=None)
    if last is not None:
        head = run[last] if run[last] in _PAIRED else singular(run[last])  # "a boy and a girl in red coats": a coat
        return " ".join([*run[:last], head]), j + 2 + last + (words[j + 1] in _ARTICLES)
    if run and colour_named(run[0]):
        return run[0], j + 2 + (words[j + 1] in _ARTICLES)
    return None, j


def _features(words: list[str], j: int) -> tuple[list[str], int]:
    """'with a white beard and a red hat' at `j`: ["a white beard", "a red hat"]."""
    found: list[str] = []
    while j < len(words) and words[j] in ({"with"} if not found else {"and", "with"}):
        k = j + 1
        article = words[k] if k < len(words) and words[k] in _ARTICLES else None
        k += article is not None
        run: list[str] = []
        while k < len(words) and len(run) < 4 and words[k] not in _STOPS | _ARTICLES:
            run.append(words[k])
            k += 1
        last = max((n for n, w in enumerate(run) if w in _FEATURES or w in _CLOTHES), default=None)
        if last is None:
            break
        phrase = " ".join(run[: last + 1])
        j = k - len(run) + last + 1
        if run[last] in CARRIED and words[j : j + 2] in (["on", "a"], ["on", "the"]) and j + 2 < len(words):
            phrase, j = f"{phrase} on a {words[j + 2]}", j + 3  # "a coin on a chain", "a spyglass on a cord"
        found.append(_a(phrase) if article else phrase)  # "a white beard", "red hair"
    return found, j


def _a(phrase: str) -> str:
    last = phrase.split()[-1]
    plural = last.endswith("s") and not last.endswith("ss")
    return phrase if plural or last in _UNCOUNTED or last == "hair" else f"{a_or_an(phrase)} {phrase}"


def dressed_in(garment: str, told: bool = True) -> str:
    """'in a red coat', 'in black armour', 'in robes' (as the prompt said it: `told`); a garment of the writer's
    own always takes an article ('in a white coat over teal scrubs')."""
    last = garment.split()[-1]
    if told and (last in _UNCOUNTED or (last.endswith("s") and not last.endswith("ss"))):
        return f"in {garment}"
    return f"in {a_or_an(garment)} {garment}"
