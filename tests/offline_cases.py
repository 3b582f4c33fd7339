"""The prompts the offline fidelity tests share (#19 items 1 and 3), how a comic is made from one, and their checks.

One table of prompts of every kind the issue names (a character and a place, two characters and a conflict, a quest,
a mystery, other languages, one word, 4,000 characters), made into comics once for the session (`case_comics`), and
the checks every module applies: no template seam in a text, the mood notes of a panel's background.
"""

import re
import time
import uuid
from dataclasses import dataclass, field

from domain.character import Character
from domain.drafts import CharacterProfile, PanelDraft
from providers.images import ReferenceImage
from providers.offline.drawing.sheets import render_sheet_png
from providers.offline.storyteller import OfflineStoryteller


@dataclass(frozen=True)
class Case:
    prompt: str
    # A word the character's brief or visual form must contain -> the character type it must have.
    subjects: dict[str, str] = field(default_factory=dict)
    places: tuple[str, ...] = ()  # named in the story, never a character
    nouns: tuple[str, ...] = ()  # must occur in the story (lower case)


LONG_PROMPT = (
    "A weary pirate captain sails her leaking galleon across the Sapphire Sea, hunting for the sunken bell of a "
    "drowned city, while a navy admiral who was once her friend follows her from island to island. "
) * 25


CASES = [
    Case("a lonely robot tends a garden on Mars", {"robot": "humanoid"}, ("Mars",), ("garden", "mars", "robot")),
    Case(
        "a knight and a sorceress fight over a cursed crown",
        {"knight": "humanoid", "sorceress": "humanoid", "crown": "object"},
        nouns=("crown",),
    ),
    Case(
        "a young cartographer searches for a lost compass in the desert",
        {"cartographer": "humanoid", "compass": "object"},
        nouns=("desert", "compass"),
    ),
    Case(
        "a night train where a diamond goes missing",
        {"diamond": "object"},
        nouns=("night train", "diamond", "missing"),
    ),
    Case(
        "une sorcière et son chat cherchent une clé magique dans la forêt",
        {"sorcière": "humanoid", "chat": "creature", "clé": "object"},
        nouns=("une sorcière et son chat", "forêt"),
    ),
    Case(
        "el último dragón busca un tesoro en las montañas",
        {"dragón": "creature", "tesoro": "object"},
        nouns=("el último dragón", "montañas"),
    ),
    Case("dragon", {"dragon": "creature"}, nouns=("dragon",)),
    Case(LONG_PROMPT[:4000], {"pirate captain": "humanoid", "bell": "object"}, nouns=("galleon", "bell")),
    Case(
        "a lighthouse keeper befriends a sea monster",
        {"lighthouse keeper": "humanoid", "sea monster": "creature"},
        nouns=("lighthouse", "sea monster", "befriend"),
    ),
    Case(
        "a detective hunts a thief across the rooftops of a rainy city",
        {"detective": "humanoid", "thief": "humanoid"},
        nouns=("rooftops", "thief"),
    ),
    Case(
        "an astronaut and her cat are stranded on a space station",
        {"astronaut": "humanoid", "cat": "creature"},
        nouns=("station", "stranded"),
    ),
    Case("a ghost ship sails into a haunted harbour", {"ship": "object"}, nouns=("ghost ship", "harbour")),
    Case(
        "two wizards duel over a stolen spellbook",
        {"rival wizard": "humanoid", "spellbook": "object"},
        nouns=("wizard", "spellbook"),
    ),
    Case(
        "two rival chefs compete for a royal banquet",
        {"chef": "humanoid", "rival chef": "humanoid"},
        nouns=("banquet", "kitchen", "cooked"),
    ),
    Case(
        "the last librarian fights Time itself",
        {"librarian": "humanoid", "embodiment of time": "concept"},
        nouns=("librarian", "time"),
    ),
]


@dataclass
class Comic:
    text: str
    cast: list[CharacterProfile]
    panels: list[PanelDraft]
    seconds: float


async def make(prompt: str) -> Comic:
    teller = OfflineStoryteller()

    async def ignore(_: str) -> None:
        return None

    started = time.perf_counter()
    text = (await teller.write_story(prompt, ignore)).text
    cast = (await teller.extract_characters(text)).items
    panels = (await teller.generate_panels(text, [c.name for c in cast])).items
    return Comic(text, cast, panels, time.perf_counter() - started)


async def characters(prompt: str) -> list[Character]:
    """The cast of the prompt's comic as the service stores it (each profile a Character with an id)."""
    return [Character(id=uuid.uuid4(), **p.model_dump()) for p in (await make(prompt)).cast]


_SHEETS: dict[tuple[str, str, str], bytes] = {}


def sheet(name: str, kind: str, form: str) -> ReferenceImage:
    """One character's sheet (its name, type and visual form), drawn once per test session."""
    if (name, kind, form) not in _SHEETS:
        who = Character(id=uuid.UUID(int=len(_SHEETS) + 1), name=name, character_type=kind, visual_form=form)
        _SHEETS[name, kind, form] = render_sheet_png(who)
    return ReferenceImage(name, _SHEETS[name, kind, form])


_COMICS: dict[str, Comic] = {}


async def case_comics() -> dict[str, Comic]:
    """The comic of each of CASES, made once for the whole session (the modules' `comics` fixtures share them)."""
    if not _COMICS:
        for case in CASES:
            _COMICS[case.prompt] = await make(case.prompt)
    return _COMICS


def about(character: CharacterProfile) -> str:
    return f"{character.brief} {character.visual_form}".lower()


# What two templates leave where they meet: a placeholder, a space before a comma, an article before nothing.
SEAM = re.compile(r"\{\w*\}|\s[,.]|,,|\.\.(?!\.)|\b(?:of|a|an|the)\s*[,.]|\b(?:a|an) (?:the|a|an)\b", re.I)


def assert_no_seams(text: str) -> None:
    doubled = [m.group(0) for m in re.finditer(r"\b(\w+)\s+\1\b", text, re.IGNORECASE)]
    assert not doubled, doubled
    seam = SEAM.search(text)
    assert not seam, text[max(0, seam.start() - 60) : seam.end() + 20]


def moods(panel: PanelDraft) -> list[str]:
    """The notes of a background's "(mood; Name verb)" clause, the mood first."""
    notes = re.search(r"\(([^()]*)\)", panel.background.split(":")[0])
    return notes.group(1).split("; ") if notes else []


# A whole story pasted as the prompt: a title, its heroine named first, her brother by apposition, "that night".
PASTED_STORY = """The Lighthouse at Gull Point

Mara Quill had kept the light at Gull Point for eleven years. "Storm's coming," she told her brother Tomas, who \
laughed at her.

That night the sea rose. A ship ran onto the rocks, and Mara rowed out alone.
"""
