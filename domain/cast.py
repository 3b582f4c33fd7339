"""The asset manager: slug-normalised character name -> character id -> reference sheet's media key."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar
from uuid import UUID

from domain.character import Character
from domain.names import slugify


@dataclass(frozen=True)
class CastReference:
    """A cast member as the cast spells them and the media key of their current reference sheet."""

    character_id: UUID
    name: str
    key: str


T = TypeVar("T")


class NameIndex(Generic[T]):
    """How a name an LLM or a user writes finds a cast member: the one rule every reader of names uses.

    A full name matches after slug normalisation ("Mira  Vale!" is "Mira Vale"); a single first or last name
    matches too when exactly one member has it.
    """

    def __init__(self, members: Iterable[tuple[str, T]]) -> None:
        named = list(members)
        self._by_slug: dict[str, T] = {slugify(name): member for name, member in named}
        parts: dict[str, list[T]] = {}
        for name, member in named:
            for part in slugify(name).split("-"):
                parts.setdefault(part, []).append(member)
        self._by_part = {part: found[0] for part, found in parts.items() if len(found) == 1}

    def find(self, name: str) -> T | None:
        """The member `name` refers to, or None."""
        slug = slugify(name)
        return self._by_slug.get(slug) or self._by_part.get(slug)


class Cast:
    """Resolves the names an LLM or a user writes to the project's characters (by NameIndex's rule)."""

    def __init__(self, characters: Iterable[Character]) -> None:
        self._members = list(characters)
        self._index = NameIndex((c.name, c) for c in self._members)

    def names(self) -> list[str]:
        """Every cast member's name, in cast order."""
        return [c.name for c in self._members]

    def resolve(self, name: str) -> Character | None:
        """The character `name` refers to, or None."""
        return self._index.find(name)

    def constrain(self, names: Iterable[str]) -> tuple[list[str], list[str]]:
        """(names resolved to the cast's spelling without duplicates, names that are not in the cast)."""
        kept: list[str] = []
        dropped: list[str] = []
        for name in names:
            character = self.resolve(name)
            if character is None:
                dropped.append(name)
            elif character.name not in kept:
                kept.append(character.name)
        return kept, dropped

    def references(self, names: Iterable[str]) -> list[CastReference]:
        """Reference sheets of the named characters that have one (others are skipped)."""
        found: list[CastReference] = []
        for name in names:
            character = self.resolve(name)
            if character is not None and character.artifact is not None:
                found.append(CastReference(character.id, character.name, character.artifact.key))
        return found

    def ids(self) -> list[UUID]:
        """Every cast member's id, in cast order."""
        return [c.id for c in self._members]
