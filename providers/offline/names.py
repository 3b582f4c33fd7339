"""Names built for each story (data/names.toml): onset + ending first names, head + tail surnames, from the biome's
own syllables, so a cast fits its place and unrelated comics do not share one."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from providers.offline.data import gendered, load
from providers.offline.lexicon import CLOTHING, CREATURES, HUMANOIDS, OBJECTS

_N = load("names")
_ENDINGS: dict[str, list[str]] = _N["endings"]
_TRIPLE_RE = re.compile(r"(\w)\1\1+")
_LOOKS = load("looks")
# No name is a word the story or the drawing reads as something else ("Beard Greyworth" was drawn with a beard).
NOT_NAMES = frozenset(
    {*_N["not_names"]["words"].split(), *HUMANOIDS, *CREATURES, *OBJECTS, *CLOTHING}
    | {w for table in ("hats", "props") for words in _LOOKS[table].values() for kw in words for w in kw.split()}
)


def _a_word(name: str) -> bool:
    """Whether a word of the name is one of NOT_NAMES."""
    return any(word.lower() in NOT_NAMES for word in re.split(r"[\s-]+", name))


class NameMaker:
    """Draws distinct names for one story from its RNG; `used` keeps every name (and surname) it has handed out."""

    def __init__(self, biome: str, rng: random.Random) -> None:
        table = _N["biomes"].get(biome, _N["biomes"]["city"])
        # A place's own table (a circus) takes its name parts from the world it is `like` and has its own titles.
        self.table = {**_N["biomes"][table["like"]], **table} if "like" in table else table
        self.rng = rng
        self.used: set[str] = set()
        self.onsets: set[str] = set()
        self.heads: set[str] = set()

    def _fresh(self, make: Callable[[], str]) -> str:
        """A name from `make` that shares no word with a name already used (a few draws; the last one stands)."""
        name = _TRIPLE_RE.sub(r"\1\1", make())  # "Shellley" -> "Shelley"
        for _ in range(30):
            if name not in self.used and not set(name.split()) & self.used and not _a_word(name):
                break
            name = _TRIPLE_RE.sub(r"\1\1", make())
        self.used.add(name)
        self.used.update(name.split())
        return name

    def first(self, gender: str) -> str:
        def make() -> str:
            onsets = [o for o in self.table["onsets"] if o not in self.onsets] or self.table["onsets"]
            onset = self.rng.choice(onsets)
            self.onsets.add(onset)  # "Octor" and "Octys" in one story would blur together
            ending = self.rng.choice(_ENDINGS["m" if gender == "m" else "f"])
            return onset + ending[1:] if onset[-1] == ending[0] else onset + ending  # "Mira", not "Miraa"

        return self._fresh(make)

    def surname(self) -> str:
        def make() -> str:
            heads = [h for h in self.table["heads"] if h not in self.heads] or self.table["heads"]
            head = self.rng.choice(heads)
            self.heads.add(head)  # "Pennystead" and "Pennyfield" in one story would blur together
            return head + self.rng.choice(self.table["tails"])

        return self._fresh(make)

    def person(self, gender: str) -> tuple[str, str]:
        """(full name, first name)."""
        first = self.first(gender)
        return f"{first} {self.surname()}", first

    def titled(self, kind: str, gender: str | None = None) -> tuple[str, str, str]:
        """A villain's or mentor's (full name, short name, gender): 'Captain Oskra Saltwell', 'Saltwell'."""
        titles = gendered(self.table[f"{kind}_titles"])
        title, gender = self.rng.choice([t for t in titles if gender in (None, t[1])] or titles)
        first = self.first(gender)
        surname = self.surname()
        if kind == "mentor":  # known by the first name: "Old Hesper Saltwell" is Hesper to the hero
            return f"{title} {first} {surname}", first, gender
        return f"{title} {first} {surname}", surname, gender

    def robot(self) -> str:
        onset = self.rng.choice(_N["robots"]["onsets"])
        return self._fresh(lambda: f"{onset}-{self.rng.randint(2, 99)}")

    def creature(self) -> str:
        c = _N["creatures"]
        return self._fresh(
            lambda: self.rng.choice(c["onsets"]) + self.rng.choice(c["middles"]) + self.rng.choice(c["endings"])
        )

    def thing(self) -> str:
        o = _N["objects"]
        return self._fresh(lambda: self.rng.choice(o["heads"]) + self.rng.choice(o["tails"]).lower())
