"""The offline storyteller follows the prompt (#19 item 1) and reads stories it did not write (#19 item 3).

One table of prompts of every kind the issue names (a character and a place, two characters and a conflict, a quest,
a mystery, other languages, one word, 4,000 characters): each prompt's subjects must come back out of the written
story as characters of the right type, its places must not, its key nouns must be in the text, and each panel must
show whoever speaks in it. Then stories written by hand and in a real LLM's style go through the same reader.
"""

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from domain.drafts import CharacterProfile, PanelDraft
from providers.offline.data import load
from providers.offline.drawing.pen import has_any
from providers.offline.plan import plan_story
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


@pytest.fixture(scope="module")
async def comics() -> dict[str, Comic]:
    return {case.prompt: await make(case.prompt) for case in CASES}


def about(character: CharacterProfile) -> str:
    return f"{character.brief} {character.visual_form}".lower()


# What two templates leave where they meet: a placeholder, a space before a comma, an article before nothing.
SEAM = re.compile(r"\{\w*\}|\s[,.]|,,|\.\.(?!\.)|\b(?:of|a|an|the)\s*[,.]|\b(?:a|an) (?:the|a|an)\b", re.I)


def assert_no_seams(text: str) -> None:
    doubled = [m.group(0) for m in re.finditer(r"\b(\w+)\s+\1\b", text, re.IGNORECASE)]
    assert not doubled, doubled
    seam = SEAM.search(text)
    assert not seam, text[max(0, seam.start() - 60) : seam.end() + 20]


@pytest.mark.parametrize("case", CASES, ids=[c.prompt[:40] for c in CASES])
async def test_the_prompt_subjects_are_cast_with_their_type_and_its_places_are_not(
    case: Case, comics: dict[str, Comic]
) -> None:
    comic = comics[case.prompt]
    for word, kind in case.subjects.items():
        matching = [c for c in comic.cast if re.search(rf"\b{word}\b", about(c))]
        assert matching, f"no character is a {word}: {[c.name for c in comic.cast]}"
        assert matching[0].character_type == kind, (word, matching[0])
    names = {c.name for c in comic.cast}
    for place in case.places:
        assert place in comic.text
        assert not any(place in name.split() for name in names), names
    lower = comic.text.lower()
    for noun in case.nouns:
        assert noun in lower, noun
    # The panels show them too: in a scene's background, its caption or its dialogue.
    shown = " ".join(f"{p.background} {p.caption} {p.dialogue}" for p in comic.panels).lower()
    for word in case.subjects:
        assert word in shown, word


@pytest.mark.parametrize("case", CASES, ids=[c.prompt[:40] for c in CASES])
async def test_a_story_reads_cleanly_and_every_speaker_is_in_their_panel(case: Case, comics: dict[str, Comic]) -> None:
    comic = comics[case.prompt]
    assert_no_seams(comic.text)
    assert 400 <= len(comic.text.split()) <= 900
    assert 6 <= len(comic.panels) <= 12
    cast = {c.name for c in comic.cast}
    for panel in comic.panels:
        assert set(panel.characters) <= cast
        if ": " in panel.dialogue:
            speaker = panel.dialogue.split(": ", 1)[0]
            assert any(speaker in name.split() or speaker == name for name in panel.characters), panel
        assert panel.caption, panel
    assert sum(bool(p.dialogue) for p in comic.panels) >= len(comic.panels) - 2


async def test_unrelated_prompts_share_no_character_name(comics: dict[str, Comic]) -> None:
    seen: dict[str, str] = {}
    for prompt, comic in comics.items():
        for character in comic.cast:
            assert character.name not in seen, f"{character.name} in {prompt[:40]!r} and {seen[character.name][:40]!r}"
            seen[character.name] = prompt


async def test_the_same_prompt_gives_the_same_comic(comics: dict[str, Comic]) -> None:
    again = await make(CASES[0].prompt)
    first = comics[CASES[0].prompt]
    assert (again.text, again.cast, again.panels) == (first.text, first.cast, first.panels)


async def test_mars_and_the_night_train_are_the_settings_of_their_panels(comics: dict[str, Comic]) -> None:
    mars = comics[CASES[0].prompt]
    assert all("mars" in p.background.lower() for p in mars.panels)
    # Named before the scene's own place ("On Mars, in a walled garden ..."): the renderer draws what comes first.
    assert all(p.background.startswith("On Mars, ") for p in mars.panels if "garden" in p.background)
    # The garden is where the story begins and ends, named so the drawing shows plants: under glass, on Mars.
    for panel in (mars.panels[0], mars.panels[-1]):
        assert "greenhouse garden under the dome" in panel.background.split(":")[0], panel.background
    train = comics[CASES[3].prompt]
    assert all("train" in p.background.lower() for p in train.panels)
    assert not any(c.character_type == "object" and "train" in about(c) for c in train.cast)  # the place, not a prop


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        ("dragon", {"mountain", "mountains", "peak", "glacier", "cave", "valley"}),
        ("a ghost ship sails into a haunted harbour", {"sea", "harbour", "reef", "coast", "lighthouse"}),
    ],
)
async def test_every_panel_names_the_landscape_the_story_happens_in(
    prompt: str, words: set[str], comics: dict[str, Comic]
) -> None:
    # A scene's own place ("on the ledge outside the hut") gets the story's landscape added when it does not name
    # one, so the renderer, which reads the background, draws every panel in the right world.
    for panel in comics[prompt].panels:
        place = panel.background.split(":")[0].lower()
        assert set(re.findall(r"[a-z]+", place)) & words, panel.background


async def test_the_mystery_loses_the_diamond_and_finds_it(comics: dict[str, Comic]) -> None:
    comic = comics[CASES[3].prompt]
    paragraphs = comic.text.split("\n\n")
    assert "diamond" in paragraphs[1] and "gone" in paragraphs[1]
    villain = next(c for c in comic.cast if c.role == "antagonist")
    surname = villain.name.split()[-1]
    assert any("diamond" in p and surname in p and "defeated" in p for p in paragraphs)


async def test_the_villain_is_not_beside_the_heroes_when_only_mentioned(comics: dict[str, Comic]) -> None:
    comic = comics["a lighthouse keeper befriends a sea monster"]
    villain = next(c.name for c in comic.cast if c.role == "antagonist")
    # The reward scene happens "on the broken walls of <villain>'s fortress": the villain's, not the villain.
    reward = next(p for p in comic.panels if "broken walls" in p.background)
    assert villain not in reward.characters
    # The night after the news, the hero lies awake "listening to <creature> calling somewhere in the dark".
    news = next(p for p in comic.panels if "news was on every tongue" in p.background)
    creature = next(c.name for c in comic.cast if c.character_type == "creature")
    assert villain not in news.characters and creature not in news.characters
    assert (reward.background.split(":")[0]).count("(") <= 1


@pytest.mark.parametrize(
    ("prompt", "subject", "own_words", "english_words", "creature"),
    [
        (CASES[4].prompt, "sorcière", {"vivait", "dit", "forteresse"}, "forest", "cat"),
        (CASES[5].prompt, "dragón", {"vivía", "dijo", "fortaleza"}, "mountains", "dragon"),
    ],
)
async def test_a_french_or_spanish_prompt_gets_a_story_in_its_language(
    prompt: str, subject: str, own_words: set[str], english_words: str, creature: str, comics: dict[str, Comic]
) -> None:
    comic = comics[prompt]
    words = set(re.findall(r"\w+", comic.text.lower()))
    assert own_words <= words
    english = {"said", "the", "and", "there", "lived"}
    assert not words & english, words & english
    assert f"\u2018{prompt}\u2019" in comic.text  # the prompt itself, in single quotes: the old tale the town tells
    assert comic.cast[0].role == "protagonist"
    assert any(subject in about(c) for c in comic.cast), subject  # the prompt's own word, read back from the story
    # The renderer reads English: the creature's look names what it is ("chat aux yeux ... (cat)").
    assert any(c.character_type == "creature" and f"({creature})" in c.visual_form for c in comic.cast)
    assert any(c.role == "antagonist" for c in comic.cast)
    # Dialogue is read from the guillemets, credited to its speaker; the renderer gets English scene words.
    assert sum(": " in p.dialogue for p in comic.panels) >= len(comic.panels) - 2
    for panel in comic.panels:
        assert "«" not in panel.dialogue and "»" not in panel.dialogue
        assert english_words in panel.background.split(":")[0], panel.background


@pytest.mark.parametrize(
    ("prompt", "summary", "hero"),
    [
        ("ein Ritter und ein Drache kämpfen um einen Schatz im Wald", "a German tale of a knight", "knight"),
        ("一个机器人在火星上种花", "a Chinese tale of a robot on Mars", "robot"),
        ("ロボットが火星で庭を育てる", "a Japanese tale of a robot on Mars", "robot"),
    ],
)
async def test_a_prompt_in_another_language_is_told_in_english_around_its_own_words(
    prompt: str, summary: str, hero: str
) -> None:
    comic = await make(prompt)
    assert f"'{prompt}'" in comic.text and summary in comic.text
    assert comic.cast[0].role == "protagonist" and hero in about(comic.cast[0])
    assert 6 <= len(comic.panels) <= 12
    if "Mars" in summary:
        assert all("mars" in p.background.lower() for p in comic.panels)


# A whole story pasted as the prompt: a title, its heroine named first, her brother by apposition, "that night".
PASTED_STORY = """The Lighthouse at Gull Point

Mara Quill had kept the light at Gull Point for eleven years. "Storm's coming," she told her brother Tomas, who \
laughed at her.

That night the sea rose. A ship ran onto the rocks, and Mara rowed out alone.
"""


# 4,000-character prompts of every shape the readers' regular expressions might choke on: runs of capitalised words,
# a French story, a pasted story again and again, a script without spaces, emoji, one word without end.
LONG_PROMPTS = {
    "names": " ".join(["Ada", "Reyes", "Port", "Sable", "Captain", "The", "Of"][i * 5 % 7] for i in range(800))[:4000],
    "french": ("une sorcière et son chat cherchent une clé dans la forêt, puis un dragon nommé Lina vole. " * 50)[
        :4000
    ],
    "pasted": (PASTED_STORY * 20)[:4000],
    "chinese": "一个机器人在火星上种花" * 364,
    "emoji": "🐉🔥" * 2000,
    "one word": "x" * 4000,
}


async def test_a_4000_character_prompt_is_fast_and_bounded(comics: dict[str, Comic]) -> None:
    comic = comics[LONG_PROMPT[:4000]]
    assert len(comic.text) < 8000
    assert comic.seconds < 1  # about 80 ms on a laptop; a second leaves room for a loaded CI machine
    assert len(comic.cast) <= 8


@pytest.mark.parametrize("kind", list(LONG_PROMPTS))
async def test_any_long_prompt_is_read_in_well_under_a_second(kind: str) -> None:
    comic = await make(LONG_PROMPTS[kind])
    assert comic.seconds < 1, comic.seconds  # story, cast and panels; nothing grows with the square of the prompt
    assert len(comic.text) < 8000 and 1 <= len(comic.cast) <= 8 and 6 <= len(comic.panels) <= 12


# --- the reader on stories it did not write ---------------------------------------------------------------------------

STORIES = Path(__file__).parent / "data" / "stories"

# A story a user typed: no appositives for most people, a pet introduced by "called", a place used like a name.
HAND_WRITTEN = (STORIES / "hand_written.txt").read_text("utf-8")

# A story in the way a real LLM writes one: a markdown title, curly quotes and apostrophes, an em dash, italics,
# dialogue in paragraphs of its own.
LLM_STYLE = (STORIES / "llm_style.md").read_text("utf-8")


async def test_a_hand_written_story_gives_its_own_cast_and_panels() -> None:
    comic_cast = (await OfflineStoryteller().extract_characters(HAND_WRITTEN)).items
    names = [c.name for c in comic_cast]
    assert names[0] == "Edith Okafor"
    assert {"Tomas", "Sister Agnes"} <= set(names)
    assert "Lisbon" not in names
    panels = (await OfflineStoryteller().generate_panels(HAND_WRITTEN, names)).items
    assert 6 <= len(panels) <= 12
    spoken = [p for p in panels if p.dialogue]
    assert any(p.dialogue == "Tomas: They went to the old convent." and "Tomas" in p.characters for p in spoken)
    agnes = next(p for p in panels if "Sister Agnes" in p.dialogue)
    assert "Sister Agnes" in agnes.characters
    assert any("convent" in p.background.lower() for p in panels)


async def test_an_llm_written_story_gives_its_own_cast_and_panels() -> None:
    comic_cast = (await OfflineStoryteller().extract_characters(LLM_STYLE)).items
    cast = {c.name: c for c in comic_cast}
    assert comic_cast[0].name == "Captain Isolde Marr"
    assert "Chancellor Voss" in cast and cast["Chancellor Voss"].role == "antagonist"
    assert cast["Pip"].character_type == "creature"  # "Pip, her mechanical owl, landing on the rail"
    assert cast["Pip"].visual_form == "mechanical owl"
    assert cast["Wren"].character_type == "object"  # always "the Wren": the airship
    assert "Verran" not in cast
    panels = (await OfflineStoryteller().generate_panels(LLM_STYLE, list(cast))).items
    assert 6 <= len(panels) <= 12
    for panel in panels:
        assert set(panel.characters) <= set(cast)
        if panel.dialogue.startswith("Pip: "):
            assert "Pip" in panel.characters
    assert any("storm" in p.background.lower() for p in panels)
    assert any(p.dialogue.startswith("Isolde: ") or p.dialogue.startswith("Captain Isolde Marr: ") for p in panels)


@pytest.mark.parametrize(
    "prompt",
    [
        "!!!",
        "42",
        "🐉🔥",
        "一个机器人在火星上种花",
        "the the the",
        "x" * 4000,
        "word " * 800,
        "Who stole the Queen's crown?",
        "dragons",
        "?!",
        "«»",
        "🦄🐉🏁",
        "a dragon dans la forêt",
        "el gato and the dog",
        ("a cat versus a dog in a pie-eating contest " * 100)[:4000],
        ("deux chefs rivaux s'affrontent dans un concours de cuisine. " * 80)[:4000],
    ],
)
async def test_an_odd_prompt_still_gives_a_whole_comic(prompt: str) -> None:
    comic = await make(prompt)
    assert 400 <= len(comic.text.split()) <= 900
    assert len(comic.cast) >= 3 and comic.cast[0].role == "protagonist"
    assert 6 <= len(comic.panels) <= 12
    assert_no_seams(comic.text)  # "!!!" once left "the old tale of , but"
    for panel in comic.panels:  # and what is lettered and drawn from it
        assert_no_seams(f"{panel.caption} {panel.dialogue}")
        assert not re.search(r"\b(\w+)\s+\1\b", panel.background, re.I), panel.background
    assert len({c.name for c in comic.cast}) == len(comic.cast)


async def test_an_emoji_prompt_is_read_as_the_things_it_pictures() -> None:
    comic = await make("🐉🔥")
    assert [c.character_type for c in comic.cast if re.search(r"\bdragon\b", about(c))] == ["creature"]
    assert "the old tale of a dragon" in comic.text


@pytest.mark.parametrize(
    ("prompt", "names"),
    [
        ("Captain Ada Reyes hunts a sea monster", {"Captain Ada Reyes": "humanoid"}),
        ("Mara Quill and her dog Biscuit find a map", {"Mara Quill": "humanoid", "Biscuit": "creature"}),
        ("a girl named Lina befriends a dragon", {"Lina": "humanoid"}),
        (
            "Queen Isolde and King Arthur fight over a cursed crown",
            {"Queen Isolde": "humanoid", "King Arthur": "humanoid"},
        ),
        (PASTED_STORY, {"Mara Quill": "humanoid", "Tomas": "humanoid"}),
    ],
    ids=["title", "apposition", "named", "conflict", "pasted story"],
)
async def test_the_names_a_prompt_gives_are_the_cast_s_names(prompt: str, names: dict[str, str]) -> None:
    comic = await make(prompt)
    cast = {c.name: c for c in comic.cast}
    assert comic.cast[0].name == next(iter(names)), [c.name for c in comic.cast]
    for name, kind in names.items():
        assert name in cast and cast[name].character_type == kind, (name, list(cast))
    assert_no_seams(comic.text)
    assert "a Captain" not in comic.text and "a Mara" not in comic.text  # the old tale quotes a name as a name
    if "King Arthur" in names:
        assert cast["King Arthur"].role == "antagonist"  # the other named person in a conflict is the rival
    if "Tomas" in names:
        assert "Night" not in " ".join(cast)  # "That night the sea rose": a time, not a character
        assert "Tomas, her " in comic.text and "brother" in cast["Tomas"].visual_form  # hers, not "a brother"


async def test_a_panel_background_says_who_falls_and_who_scowls(comics: dict[str, Comic]) -> None:
    # The renderer poses figures by plain words; in the ordeal the villain sneers and strikes and the hero falls.
    comic = comics["a lighthouse keeper befriends a sea monster"]
    hero = comic.cast[0].name.split()[0]
    villain = next(c for c in comic.cast if c.role == "antagonist").name.split()[-1]
    ordeal = next(p for p in comic.panels if "all seemed lost" in p.background or f"{villain} scowls" in p.background)
    notes = ordeal.background.split(":")[0]
    assert f"{villain} scowls" in notes and f"{hero} falls" in notes, notes
    opening = comic.panels[0].background.split(":")[0]
    assert not re.search(r"falls|scowls|runs|strikes", opening), opening  # nothing happens before the call


async def test_a_shouted_prompt_reads_as_words_not_names() -> None:
    comic = await make("THE DRAGON ATTACKS THE CITY!!!")
    assert [c.character_type for c in comic.cast if re.search(r"\bdragon\b", about(c))] == ["creature"]


async def test_a_vehicle_the_prompt_puts_the_story_on_is_the_setting() -> None:
    on_board = await make("a mystery on a train")
    assert not any(re.search(r"\btrain\b", about(c)) for c in on_board.cast)
    assert "aboard the train" in on_board.text or "aboard the night train" in on_board.text
    carried = await make("a boy finds a train")  # here the train is a thing he finds
    assert [c.character_type for c in carried.cast if re.search(r"\btrain\b", about(c))] == ["object"]


async def test_a_city_the_prompt_names_is_the_story_s_town() -> None:
    comic = await make("a cat and a dog explore Paris")
    assert comic.text.count("Paris") >= 5 and "Paris" not in {c.name for c in comic.cast}
    assert all("Paris" in p.background for p in comic.panels)  # drawn as the city, panel after panel


async def test_a_robot_companion_is_named_and_called_like_a_robot() -> None:
    comic = await make("a boy and his robot build a rocket")
    robot = next(c for c in comic.cast if re.search(r"\brobot\b", about(c)))
    assert re.fullmatch(r"[A-Z][a-z]+-\d+", robot.name), robot.name  # "Bolt-24", not "Cassia Ivanetti"


async def test_a_zombie_has_no_scales() -> None:
    comic = await make("zombies invade a small town")
    zombie = next(c for c in comic.cast if re.search(r"\bzombie\b", about(c)))
    assert zombie.character_type == "creature" and "scale" not in zombie.visual_form
    assert "in which zombies invade a small town" in comic.text  # the old tale reads as a sentence


@pytest.mark.parametrize(
    ("prompt", "rival", "thing"),
    [
        ("un detective persigue a un ladrón en la ciudad", "ladrón", None),
        ("la reine et le roi se disputent une couronne", "roi", "couronne"),
    ],
)
async def test_a_foreign_conflict_makes_the_other_person_the_villain(
    prompt: str, rival: str, thing: str | None
) -> None:
    comic = await make(prompt)
    villain = next(c for c in comic.cast if c.role == "antagonist")
    assert re.search(rf"\b{rival}\b", about(villain)), villain  # "ladrón sin piedad", "roi sans pitié"
    if thing:
        assert any(c.character_type == "object" and thing in about(c) for c in comic.cast)
    else:  # no companion: the rival's own call, not an army's ("había vuelto a atacar")
        assert "ejército" not in comic.text.split("\n\n")[1] and villain.name in comic.text.split("\n\n")[1]
    assert_no_seams(comic.text)


async def test_a_foreign_hero_is_as_feminine_as_the_prompt_s_article() -> None:
    comic = await make("une détective poursuit un voleur dans la ville")  # "détective" is either; "une" says which
    assert "je ne suis qu'une détective, pas une héroïne" in comic.text.lower()


@pytest.mark.parametrize(
    ("prompt", "line"),
    [
        ("un chevalier combat un dragon", "Ce n'est pas moi que tu dois craindre"),
        ("un caballero lucha contra un dragón", "No es a mí a quien debes temer"),  # Spanish, though "un" is French too
    ],
)
async def test_a_foreign_hero_who_fights_a_creature_finds_it_is_not_the_enemy(prompt: str, line: str) -> None:
    comic = await make(prompt)
    assert line in comic.text
    dragon = next(c for c in comic.cast if c.character_type == "creature")
    assert dragon.role != "antagonist" and any(c.role == "antagonist" for c in comic.cast)


@pytest.mark.parametrize(
    "prompt", ["un robot {secret} dans la forêt", "una niña {0} y su perro {x?a|b}", "a {knight}", "a {name} of {town}"]
)
async def test_braces_in_a_prompt_are_its_words_not_placeholders(prompt: str) -> None:
    comic = await make(prompt)  # the templates are filled with str.format: a prompt's braces once raised KeyError
    assert 6 <= len(comic.panels) <= 12 and comic.cast[0].role == "protagonist"
    # Quoted as its words: braces in a comic read as a template's seam ("the old tale of a {name} of {town}").
    shown = comic.text + " ".join(f"{p.background} {p.caption} {p.dialogue}" for p in comic.panels)
    assert "{" not in shown and "}" not in shown
    if "{secret}" in prompt or "{name}" in prompt:
        assert prompt.split(" dans")[0].replace("{", "").replace("}", "") in comic.text


@pytest.mark.parametrize(
    ("prompt", "word"),
    [
        ("a clockwork automaton and a girl explore a haunted castle", "automaton"),
        ("a rusty droid guards a lighthouse", "droid"),
        ("a cyborg soldier escapes a prison", "cyborg"),
        ("a golem of iron protects a village", "robot"),
        ("a boy and his robot build a rocket", "robot"),
        ("un automate explore le château", "automate"),
    ],
)
async def test_a_machine_by_any_name_is_a_robot_in_the_cast(prompt: str, word: str) -> None:
    comic = await make(prompt)
    robots = [c for c in comic.cast if re.search(rf"\b{word}\b", about(c))]
    assert robots and robots[0].character_type == "humanoid", [(c.name, about(c)) for c in comic.cast]
    assert re.fullmatch(r"[A-Z][a-z]+-\d+", robots[0].name), robots[0].name  # named like a robot: "Tock-95"
    if " le " not in prompt:  # an English story calls it "it"; the French one, "il"
        assert re.search(r"\b(?:it|its)\b", comic.text)
    assert re.search(r"\b(?:robot|automaton|droid|cyborg)\b", robots[0].visual_form)  # the word the drawing reads


def moods(panel: PanelDraft) -> list[str]:
    """The notes of a background's "(mood; Name verb)" clause, the mood first."""
    notes = re.search(r"\(([^()]*)\)", panel.background.split(":")[0])
    return notes.group(1).split("; ") if notes else []


@pytest.mark.parametrize("case", CASES, ids=[c.prompt[:40] for c in CASES])
async def test_the_mood_follows_the_stage_of_the_story(case: Case, comics: dict[str, Comic]) -> None:
    panels = comics[case.prompt].panels
    assert "desperate" not in moods(panels[0])  # nothing has gone wrong yet
    for panel in panels[len(panels) * 3 // 4 :]:  # the resolution: the villain's defeat is not the hero's despair
        assert "desperate" not in moods(panel), panel.background
    assert any("desperate" in moods(p) for p in panels)  # and the climax is


async def test_the_chefs_cook_and_compete_and_the_banquet_happens(comics: dict[str, Comic]) -> None:
    comic = comics["two rival chefs compete for a royal banquet"]
    assert not re.search(r"\b(?:army|soldiers|fortress|pirate|harbour)\b", comic.text)  # not a war by the sea
    rival = next(c for c in comic.cast if c.role == "antagonist")
    assert "rival chef" in about(rival)  # the other chef is the rival, not a tyrant from nowhere
    places = [p.background.split(":")[0].lower() for p in comic.panels]
    assert sum("kitchen" in place for place in places) >= 4, places  # the drawing reads its scene from these words
    banquet = next(i for i, place in enumerate(places) if "banquet hall" in place)
    assert banquet >= len(places) // 2 and "triumphant" in moods(comic.panels[banquet])
    hero = comic.cast[0].name.split()[0]
    assert f"{hero} celebrates" in moods(comic.panels[banquet])
    assert comic.cast[0].name in comic.panels[banquet].characters


@pytest.mark.parametrize(
    ("prompt", "event", "places"),
    [
        ("a baker enters a baking contest", "contest", ("bakery", "contest hall")),
        ("two runners race across the desert", "race", ("starting line", "finish line", "dunes")),
        ("a witch is put on trial", "trial", ("court room",)),
        ("a village holds a lantern festival", "festival", ("festival square",)),
        ("a knight enters a tournament", "tournament", ("tournament field", "castle")),
        ("a chef battles a rival chef", "contest", ("kitchen", "contest hall")),  # two of a craft: a contest
    ],
)
async def test_a_competition_is_the_spine_of_its_story(prompt: str, event: str, places: tuple[str, ...]) -> None:
    comic = await make(prompt)
    paragraphs = comic.text.split("\n\n")
    assert sum(event in p.lower() for p in paragraphs) >= 3, event  # told around the event, not a villain's war
    assert not re.search(r"\b(?:army|soldiers)\b", comic.text)
    shown = " ".join(p.background.split(":")[0] for p in comic.panels).lower()
    for place in places:
        assert place in shown, (place, shown)
    assert "triumphant" in moods(comic.panels[-3]) and "desperate" in moods(comic.panels[-4])
    assert_no_seams(comic.text)


@pytest.mark.parametrize(
    ("prompt", "creature"),
    [
        ("a mermaid searches for her lost sister", "mermaid"),
        ("el último dragón busca un tesoro en las montañas", "dragón"),
        ("a dragon guards a castle on the moon", "dragon"),
        ("dragon", "dragon"),
        ("una sirena busca a su hermana perdida", "sirena"),
    ],
)
async def test_a_creature_the_prompt_is_about_is_its_hero(prompt: str, creature: str) -> None:
    comic = await make(prompt)
    hero = comic.cast[0]
    assert hero.role == "protagonist" and hero.character_type == "creature", hero
    assert creature in about(hero), about(hero)
    assert comic.text.split("\n\n")[0].count(hero.name) >= 2  # the story opens on it, not on a person it meets
    assert not re.search(r"\bin (?:a|an) [a-z]+ (?:wool coat|oilskin coat|patched jacket)\b", hero.visual_form)
    assert not re.search(rf"{hero.name} (?:rowed|steered|drove)\b", comic.text)  # a mermaid swims out
    assert_no_seams(comic.text)
    if "sister" in prompt:  # the person it names is another character: her sister
        sister = next(c for c in comic.cast if "sister" in about(c))
        assert sister.character_type == "humanoid" and sister.role != "protagonist"
        assert re.search(rf"found {sister.name}, her lost sister", comic.text)  # found, not met as a stranger
        assert "ever search for her lost sister" not in comic.text  # an army's oath about whose sister?


@pytest.mark.parametrize("prompt", ["zombies invade a small town", "THE DRAGON ATTACKS THE CITY!!!"])
async def test_a_creature_that_attacks_is_not_the_hero(prompt: str) -> None:
    comic = await make(prompt)
    assert comic.cast[0].character_type == "humanoid"


async def test_a_castle_on_the_moon_stays_a_castle_on_the_moon() -> None:
    comic = await make("a dragon guards a castle on the moon")
    paragraphs = comic.text.split("\n\n")
    assert paragraphs[0].startswith("In the castle on the moon") and "castle on the moon" in paragraphs[-1]
    assert "at the edge of" not in paragraphs[0]  # not a castle at the edge of a space station
    first, last = comic.panels[0].background.lower(), comic.panels[-1].background.lower()
    assert "castle on the moon" in first and "castle on the moon" in last


async def test_a_question_is_told_as_the_tale_of_its_answer() -> None:
    comic = await make("Who stole the Queen's crown?")
    assert "the old tale of who stole the Queen's crown" in comic.text and "a Who" not in comic.text


async def test_a_dragon_hero_is_cheered_not_carried_on_shoulders() -> None:
    comic = await make("dragon")
    assert "onto their shoulders" not in comic.text and "cheered" in comic.text
    reward = next(p for p in comic.panels if "broken walls" in p.background)
    assert "triumphant" in moods(reward)


@pytest.mark.parametrize(
    ("prompt", "workplace", "work"),
    [
        ("a baker travels to the mountains", "bakery", "kneaded the dough"),
        ("a chef finds a map", "kitchen", "stockpot"),
        ("a knight and a sorceress fight over a cursed crown", "stone hut", "lance"),
    ],
)
async def test_the_hero_s_occupation_shapes_their_days_on_any_journey(prompt: str, workplace: str, work: str) -> None:
    comic = await make(prompt)
    opening = comic.text.split("\n\n")[0]
    assert work in opening, opening  # a baker bakes, not "mends the footbridges"
    assert workplace in comic.panels[0].background.split(":")[0].lower()


async def test_a_villain_is_the_kind_their_pronouns_say(comics: dict[str, Comic]) -> None:
    automaton = await make("a clockwork automaton and a girl explore a haunted castle")
    villains = [c for comic in [*comics.values(), automaton] for c in comic.cast if c.role == "antagonist"]
    queen = next(v for v in villains if v.name.startswith("Queen "))  # "Queen Freyis Coldpeak, an iron-fisted lady"
    assert "lady of the high passes" in queen.visual_form
    for villain in villains:
        female = re.search(r"\b(?:her|she)\b", villain.visual_form) or villain.name.split()[0] in {"Queen", "Lady"}
        if female:
            assert not re.search(r"\b(?:lord|baron|king)\b", villain.visual_form), villain


@pytest.mark.parametrize(
    "prompt", ["a robot tries to save the human race", "a jester at the royal court", "a fair maiden"]
)
async def test_a_word_of_another_sense_is_no_competition(prompt: str) -> None:
    text = (await make(prompt)).text
    assert not re.search(r"finish line|court room|festival square|contest hall", text)


async def test_a_competition_keeps_the_prompt_s_companions_and_its_craft() -> None:
    comic = await make("a girl and her dog enter a baking contest")
    assert [c.character_type for c in comic.cast if re.search(r"\bdog\b", about(c))] == ["creature"]
    rival = next(c for c in comic.cast if c.role == "antagonist")
    assert "rival baker" in about(rival)  # the contest is the baking one the prompt names, not "a rival girl"
    assert "bakers" in comic.text and "baked" in comic.text
    sword = await make("a knight with a magic sword enters a tournament")
    assert any(c.character_type == "object" and "magic sword" in about(c) for c in sword.cast)


@pytest.mark.parametrize(
    ("prompt", "others"),
    [("banquet", "other chefs"), ("race", "other runners"), ("a princess enters a contest", "other princesses")],
)
async def test_a_competition_s_contestants_are_of_its_craft(prompt: str, others: str) -> None:
    comic = await make(prompt)
    assert f"a hundred {others}" in comic.text
    assert_no_seams(comic.text)
    if "princess" in prompt:  # the rival is not "a rival princess" of whatever gender the villain's name is
        assert "rival princess" not in comic.text


async def test_a_french_pronoun_is_nobody_s_name() -> None:
    comic = await make("une sirène cherche sa sœur perdue")  # « Il ne se passe jamais rien ici », « Il glissa ... »
    assert "Il" not in {c.name for c in comic.cast}
    assert comic.cast[0].character_type == "creature" and "sirène" in about(comic.cast[0])


async def test_the_other_of_the_hero_s_kind_is_the_rival_and_a_princess_is_a_she() -> None:
    comic = await make("two knights joust for the hand of a princess")
    rival = next(c for c in comic.cast if c.role == "antagonist")
    assert "rival knight" in about(rival)
    princess = next(c for c in comic.cast if "princess" in about(c))
    ally = plan_story("two knights joust for the hand of a princess").ally
    assert ally.full == princess.name and ally.subj == "she"  # named and called as a woman
    singer = await make("a shy girl enters a singing contest")
    assert "rival musician" in about(next(c for c in singer.cast if c.role == "antagonist"))


async def test_an_accused_cook_stands_trial_with_evidence_not_a_ladle() -> None:
    comic = await make("the king's cook is accused of poisoning the feast")
    assert "court room" in " ".join(p.background for p in comic.panels)  # the trial is the spine, not the feast
    assert "ladle" not in comic.text.split("\n\n")[6]  # the last day of the trial is won with evidence


# --- two subjects in a conflict: the second is the rival -------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "hero", "rival"),
    [
        ("a unicorn races a dragon", ("unicorn", "creature"), ("dragon", "creature")),
        ("a knight duels a witch", ("knight", "humanoid"), ("witch", "humanoid")),
        ("a cat versus a dog in a pie-eating contest", ("cat", "creature"), ("dog", "creature")),
        ("a knight fights against a dragon", ("knight", "humanoid"), ("dragon", "creature")),
        ("a girl challenges a giant", ("girl", "humanoid"), ("giant", "creature")),
        ("a fox competes with a wolf", ("fox", "creature"), ("wolf", "creature")),
        ("two dragons race", ("dragon", "creature"), ("rival dragon", "creature")),  # another of its kind
        ("a boy competes against a robot in a chess tournament", ("boy", "humanoid"), ("robot", "humanoid")),
        ("A Unicorn Races A Dragon", ("unicorn", "creature"), ("dragon", "creature")),  # a title's capitals
        ("a race between a unicorn and a dragon", ("unicorn", "creature"), ("dragon", "creature")),
    ],
)
async def test_the_subject_a_rival_word_sets_against_the_hero_is_the_villain(
    prompt: str, hero: tuple[str, str], rival: tuple[str, str]
) -> None:
    comic = await make(prompt)
    protagonist = comic.cast[0]
    assert protagonist.role == "protagonist" and re.search(rf"\b{hero[0]}\b", about(protagonist)), protagonist
    assert protagonist.character_type == hero[1]
    opponents = [c for c in comic.cast if re.search(rf"\b{rival[0]}\b", about(c))]
    assert [c.role for c in opponents] == ["antagonist"], [(c.name, c.role) for c in opponents]  # not a companion
    assert opponents[0].character_type == rival[1]
    assert [c.role for c in comic.cast].count("antagonist") == 1  # no tyrant from nowhere beside it
    for character in (protagonist, opponents[0]):  # a unicorn or a giant has no scales, a dog no greatcoat
        if character.character_type == "creature" and not re.search(r"\b(?:dragon)\b", about(character)):
            assert "scales" not in character.visual_form and "greatcoat" not in character.visual_form, character
    rival_panels = [p for p in comic.panels if opponents[0].name in p.characters]
    assert rival_panels and any(protagonist.name in p.characters for p in rival_panels)  # they meet
    assert_no_seams(comic.text)


async def test_a_pie_eating_contest_is_about_eating_pies() -> None:
    comic = await make("a cat versus a dog in a pie-eating contest")
    assert "the great pie-eating contest" in comic.text and "pies" in comic.text
    assert "the old tale of a cat versus a dog" in comic.text  # "versus" is no verb: not "in which a cat versus"


# --- French and Spanish competitions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "event", "hero", "rival", "scenes"),
    [
        ("deux chefs rivaux s'affrontent dans un concours de cuisine", "concours", "chef", "chef rival", {"kitchen"}),
        ("dos chefs rivales compiten en un concurso de cocina", "concurso", "chef", "chef rival", {"kitchen"}),
        ("une coureuse participe à une course dans le désert", "course", "coureuse", "rival", {"road", "desert"}),
        ("dos caballeros compiten en un torneo", "torneo", "caballero", "caballero rival", {"field", "castle"}),
        ("un chat contre un chien dans un concours de tartes", "concours", "chat", "chien rival", {"great hall"}),
        ("una cocinera prepara un banquete para el rey", "banquete", "cocinera", "rival", {"kitchen", "palace"}),
        # A trial and a festival too: the hero is judged in the court room, the lanterns hung in the market.
        ("une sorcière est accusée et passe en procès dans la ville", "tribunal", "sorcière", "accus", {"courtroom"}),
        ("una bruja es acusada y va a juicio en la ciudad", "tribunal", "bruja", "acus", {"courtroom"}),
        ("un boulanger gagne la fête des lanternes", "fête", "boulanger", "rival", {"market", "garden"}),
        ("una niña y la fiesta del pueblo", "fiesta", "niña", "rival", {"market", "garden"}),
    ],
)
async def test_a_french_or_spanish_competition_is_told_around_its_event_in_its_language(
    prompt: str, event: str, hero: str, rival: str, scenes: set[str]
) -> None:
    comic = await make(prompt)
    paragraphs = comic.text.split("\n\n")
    assert len(paragraphs) == 10 and sum(event in p.lower() for p in paragraphs) >= 3, event
    words = set(re.findall(r"\w+", comic.text.lower()))
    assert not words & {"said", "the", "and", "there", "lived", "with", "of", "who"}, words  # no English left in
    assert not words & {"armée", "ejército", "forteresse", "fortaleza", "soldats", "soldados"}  # not a war
    assert re.search(rf"\b{hero}\b", about(comic.cast[0])) and comic.cast[0].role == "protagonist", comic.cast[0]
    villains = [c for c in comic.cast if c.role == "antagonist"]
    assert len(villains) == 1 and rival in about(villains[0]), villains
    if "chien" in prompt:  # the creature it is set against is the rival, not a companion
        assert villains[0].character_type == "creature" and comic.cast[0].character_type == "creature"
    # The renderer reads English scene words: the venue's are in the backgrounds.
    shown = set(re.findall(r"[a-z]+(?: hall)?", " ".join(p.background.split(":")[0] for p in comic.panels)))
    assert scenes <= shown, (scenes, shown)
    assert "desperate" in moods(comic.panels[-4]) and "joyful" in moods(comic.panels[-3])
    assert_no_seams(comic.text)


async def test_a_name_is_no_mood() -> None:
    story = "Eira Frostgard laughed in the kitchen at dawn.\n\nThen Eira Frostgard cooked until the lamps were lit."
    panels = (await OfflineStoryteller().generate_panels(story, ["Eira Frostgard"])).items
    assert moods(panels[0])[0] == "joyful" and "icy" not in moods(panels[0]), panels[0].background  # not "frost..."


# --- a careless user: prompts of two languages, emoji, a phrase pasted again and again --------------------------------


@pytest.mark.parametrize(
    ("prompt", "said", "unsaid", "subjects"),
    [
        ("un robot on Mars", "the old tale of a robot on Mars", "un robot", {"robot": "humanoid"}),
        (
            "el gato and the dog",
            "the old tale of the cat and the dog",
            "el gato",
            {"cat": "creature", "dog": "creature"},
        ),
        ("une course against a dragon", "a race against a dragon", "une course", {"dragon": "creature"}),
        ("a knight y un dragón", "un caballero", "viajer", {"caballero": "humanoid", "dragón": "creature"}),
        ("🦄🐉🏁", "the old tale of a unicorn and a dragon", "unicorn dragon", {"unicorn": "creature"}),
        (
            ("The quick brown fox jumps over the lazy dog and " * 90)[:4000],
            "in which the quick brown fox jumps over the lazy dog, but",
            "dog and the quick",
            {"fox": "creature"},
        ),
    ],
)
async def test_a_prompt_of_two_languages_emoji_or_one_phrase_again_reads_as_one_story(
    prompt: str, said: str, unsaid: str, subjects: dict[str, str]
) -> None:
    comic = await make(prompt)
    assert said in comic.text and unsaid not in comic.text.lower()  # not "an un robot", "an old unicorn dragon"
    for word, kind in subjects.items():
        matching = [c for c in comic.cast if re.search(rf"\b{word}\b", about(c))]
        assert matching and matching[0].character_type == kind, (word, [(c.name, about(c)) for c in comic.cast])
    assert_no_seams(comic.text)


async def test_a_town_is_no_character_when_its_name_is_elided() -> None:
    comic = await make("a dragon dans la forêt")  # "au marché d'Elderholt", "les habitants d'Elderholt"
    town = plan_story("a dragon dans la forêt").town
    assert f"d'{town}" in comic.text and town not in {c.name for c in comic.cast}


@pytest.mark.parametrize("name", ["tale_fr", "tale_es"])
def test_no_word_of_a_tale_reads_to_the_renderer_as_another_scene(name: str) -> None:
    # The renderer reads a background's words as English with their endings ("port" + "es"): "aux portes de la
    # salle" was drawn as a harbour, "cuando la noche sea más oscura" could be at sea.
    scenes = load("scenes")
    keywords = {f"{t}.{k}": words for t in ("settings", "features", "weather") for k, words in scenes[t].items()}

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
        return [text for item in items for text in strings(item)]

    found = {
        w.lower()
        for text in strings({k: v for k, v in load(name).items() if k != "homes"})  # a home names its world on purpose
        for w in re.findall(r"[^\W\d_]+", re.sub(r"\{[^}]*\}", " ", text))
    }
    read = {(w, kind) for w in found for kind, words in keywords.items() if has_any(w, words)}
    # Only the feast is meant, and a plaza, a town square in either language, is the town.
    assert read <= {("banquet", "features.feast"), ("plaza", "settings.city")}, read


@pytest.mark.parametrize(
    ("prompt", "hero", "others"),
    [
        ("Pedro finds a map", "Pedro", {"map": "object"}),
        ("Marie and her cat enter a contest", "Marie", {"cat": "creature"}),
        ("Pedro y su perro Max ganan una carrera", "Pedro", {"Max": "creature"}),  # told in Spanish, a race
        ("Marie participe à un concours de cuisine", "Marie", {}),  # "à", "de": French, though short
        ("Write a story about a dragon", None, {"dragon": "creature"}),  # an order, not someone called Write
    ],
)
async def test_a_first_name_alone_opening_the_prompt_is_its_hero(
    prompt: str, hero: str | None, others: dict[str, str]
) -> None:
    comic = await make(prompt)
    names = [c.name for c in comic.cast]
    if hero:
        assert comic.cast[0].name == hero and comic.cast[0].character_type == "humanoid", names
    assert "Write" not in " ".join(names)
    for word, kind in others.items():
        matching = [c for c in comic.cast if c.name == word or re.search(rf"\b{word}\b", about(c))]
        assert matching and matching[0].character_type == kind, (word, names)
    if "concours" in prompt or "carrera" in prompt:  # the tale in the prompt's language, around its event
        assert sum(("concours" if "concours" in prompt else "carrera") in p for p in comic.text.split("\n\n")) >= 3
    assert "rival hero" not in comic.text and "other heroes" not in comic.text  # a contestant of no craft
    assert_no_seams(comic.text)


@pytest.mark.parametrize(
    ("prompt", "subject", "words"),
    [
        ("Pedro y su perro Max ganan una carrera", "he", ("él",)),
        ("Marie and her cat enter a contest", "she", ("she",)),
        ("Lina explores Mars", "she", ("she",)),
        ("Tom finds a map", "he", ("he",)),
    ],
)
async def test_a_hero_named_without_a_noun_is_as_their_name_says(
    prompt: str, subject: str, words: tuple[str, ...]
) -> None:
    assert plan_story(prompt).hero.subj == subject  # not "Pedro, una comerciante callada"
    text = (await make(prompt)).text.lower()
    assert all(re.search(rf"\b{w}\b", text) for w in words)


@pytest.mark.parametrize(
    "prompt",
    [
        "la tortue contre le lièvre dans une course",
        "la tortuga contra la liebre en una carrera",
        "une course entre une tortue et un lièvre",
    ],
)
async def test_the_tortoise_races_the_hare(prompt: str) -> None:
    comic = await make(prompt)
    villain = next(c for c in comic.cast if c.role == "antagonist")
    assert comic.cast[0].character_type == villain.character_type == "creature"
    assert re.search(r"\b(?:lièvre|liebre)\b", about(villain)), villain


async def test_a_friendship_between_two_sets_no_one_against_the_other() -> None:
    comic = await make("a friendship between a girl and a dragon")
    dragon = next(c for c in comic.cast if re.search(r"\bdragon\b", about(c)))
    assert dragon.role != "antagonist" and comic.cast[0].role == "protagonist"


@pytest.mark.parametrize("tail", ["", " in a pie-eating contest"])
@pytest.mark.parametrize("verb", ["races", "against", "competes with"])
@pytest.mark.parametrize("subject", ["a baker", "a ghost", "Pedro"])
async def test_whoever_the_hero_is_the_one_set_against_them_is_the_rival(subject: str, verb: str, tail: str) -> None:
    # A person, a creature or a name against a person, a creature or a king: the craft's contest once called a
    # witch "a ruthless rival baker", and "Pedro against a troll" made the troll the hero.
    for rival, word in (("a witch", "witch"), ("a troll", "troll"), ("the king", "king")):
        comic = await make(f"{subject} {verb} {rival}{tail}")
        hero = comic.cast[0]
        assert hero.role == "protagonist" and (hero.name == subject or subject.split()[-1] in about(hero)), hero
        villains = [c for c in comic.cast if c.role == "antagonist"]
        assert len(villains) == 1 and re.search(rf"\b{word}\b", about(villains[0])), (rival, villains)
        assert word not in about(hero), hero  # not "Pedro, a careful witch"
