"""The asset manager: slug-normalised character name -> character id -> reference sheet's media key."""

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from domain.character import Character
from domain.names import slugify


@dataclass(frozen=True)
class CastReference:
    """A cast member as the cast spells them and the media key of their current reference sheet."""

    character_id: UUID
    name: str
    key: str


class Cast:
    """Resolves the names an LLM or a user writes to the project's characters.

    A full name matches after slug normalisation ("Mira  Vale!" is "Mira Vale"); a single first or last name
    matches too when exactly one cast member has it.
    """

    def __init__(self, characters: Iterable[Character]) -> None:
        self._members = list(characters)
        self._by_slug: dict[str, Character] = {slugify(c.name): c for c in self._members}
        parts: dict[str, list[Character]] = {}
        for character in self._members:
            for part in slugify(character.name).split("-"):
                parts.setdefault(part, []).append(character)
        self._by_part = {part: found[0] for part, found in parts.items() if len(found) == 1}

    def names(self) -> list[str]:
        """Every cast member's name, in cast order."""
        return [c.name for c in self._members]

    def resolve(self, name: str) -> Character | None:
        """The character `name` refers to, or None."""
        slug = slugify(name)
        return self._by_slug.get(slug) or self._by_part.get(slug)

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
