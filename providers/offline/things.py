"""What the prompt mentions besides its hero: a creature, an object or a concept."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Thing:
    """A creature, object or concept the prompt mentions: its lexicon noun and the prompt's own phrase for it."""

    kind: str  # "creature", "object" or "concept"
    noun: str
    phrase: str
