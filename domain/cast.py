"""The asset manager: slug-normalised character name -> character id -> reference sheet's media key."""

from collections.abc import Callable, Iterable
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
    """How a name an LLM, a user or the offline reader writes finds a cast member: one rule for every reader of names.

    A full name matches after slug normalisation ("Mira  Vale!" is "Mira Vale"); a first or last name alone matches
    too when exactly one member has it and it is no member's whole name. Words in `not_alone` (titles, for a reader
    scanning prose: "the Captain" must not pick out Captain Ada Reyes) never stand alone for a name, and a name
    `whole_only` says yes to matches only whole ("The Old Woman": her "old" and "woman" are anyone's words).
    """

    def __init__(
        self,
        members: Iterable[tuple[str, T]],
        not_alone: frozenset[str] = frozenset(),
        whole_only: Callable[[str], bool] = lambda _: False,
    ) -> None:
        full: dict[tuple[str, ...], T] = {}
        singles: dict[str, list[T]] = {}
        for name, member in members:
            tokens = _tokens(name)
            if not tokens:
                continue
            full[tokens] = member
            if whole_only(name):
                continue
            core = [t for t in tokens if t not in not_alone] or list(tokens)
            for token in dict.fromkeys((core[0], core[-1])):
                singles.setdefault(token, []).append(member)
        alone = {(token,): found[0] for token, found in singles.items() if len(found) == 1 and (token,) not in full}
        self._by_tokens: dict[tuple[str, ...], T] = full | alone

    def find(self, name: str) -> T | None:
        """The member `name` refers to, or None."""
        return self._by_tokens.get(_tokens(name))

    def aliases(self) -> list[tuple[tuple[str, ...], T]]:
        """Every token sequence that names a member, longest first (what a reader scanning prose looks for)."""
        return sorted(self._by_tokens.items(), key=lambda alias: -len(alias[0]))


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in slugify(name).split("-") if t)


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
