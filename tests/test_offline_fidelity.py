"""The offline storyteller follows the prompt (#19 item 1): the table of prompts of tests/offline_cases.py.

Each prompt's subjects must come back out of the written story as characters of the right type, its places must not,
its key nouns must be in the text, each panel must show whoever speaks in it, and the mood and the scenes follow the
story's stages. Casts, places, languages, competitions and odd prompts have modules of their own
(test_offline_cast.py, test_offline_languages.py, test_offline_contests.py, test_offline_odd_prompts.py).
"""

import re

import pytest

from tests.offline_cases import CASES, LONG_PROMPT, Case, Comic, about, assert_no_seams, case_comics, make, moods


@pytest.fixture(scope="module")
async def comics() -> dict[str, Comic]:
    return await case_comics()


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


async def test_a_villain_is_the_kind_their_pronouns_say(comics: dict[str, Comic]) -> None:
    automaton = await make("a clockwork automaton and a girl explore a haunted castle")
    villains = [c for comic in [*comics.values(), automaton] for c in comic.cast if c.role == "antagonist"]
    queen = next(v for v in villains if v.name.startswith("Queen "))  # "Queen Freyis Coldpeak, an iron-fisted lady"
    assert "lady of the high passes" in queen.visual_form
    for villain in villains:
        female = re.search(r"\b(?:her|she)\b", villain.visual_form) or villain.name.split()[0] in {"Queen", "Lady"}
        if female:
            assert not re.search(r"\b(?:lord|baron|king)\b", villain.visual_form), villain


async def test_a_4000_character_prompt_is_fast_and_bounded(comics: dict[str, Comic]) -> None:
    comic = comics[LONG_PROMPT[:4000]]
    assert len(comic.text) < 8000
    assert comic.seconds < 1  # about 80 ms on a laptop; a second leaves room for a loaded CI machine
    assert len(comic.cast) <= 8


async def test_the_closing_line_answers_the_opening_one_without_repeating_it(comics: dict[str, Comic]) -> None:
    # "Nothing ever happens here," at the start and again, word for word, at the end fell flat (and every French or
    # Spanish tale closed on its opening line): the last line turns the first round.
    quote = re.compile(r"[\"«]\s*([^\"«»]+?)\s*[\"»]")
    for prompt, comic in comics.items():
        paragraphs = comic.text.split("\n\n")
        first, last = quote.findall(paragraphs[0]), quote.findall(paragraphs[-1])
        assert first and last, prompt[:40]
        assert first[-1].strip(" ,.").lower() != last[-1].strip(" ,.").lower(), (prompt[:40], first[-1])
