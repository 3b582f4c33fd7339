"""The offline storyteller: deterministic stories built from the prompt, and real parsing of (edited) story text."""

import re

import pytest

from domain.drafts import CharacterProfile, PanelDraft
from domain.names import slugify
from providers.errors import ProviderError
from providers.llm import LLMProvider, StoryResult
from providers.offline.plan import plan_story
from providers.offline.storyteller import OfflineStoryteller
from providers.offline.task_tale import task_of
from tests.test_offline_captions import words_in_order

LIGHTHOUSE = "a lighthouse keeper befriends a sea monster"
PROMPTS = [
    LIGHTHOUSE,
    "a young girl finds a magic sword in the forest",
    "the last librarian fights Time itself",
    "a knight fights a dragon",
    "pirates steal the moon",
    "a robot learns to paint",
    "two orphans and a ghost ship",
    "dragon",
]
HEX = re.compile(r"^#[0-9a-f]{6}$")

# A story the storyteller did not write: curly quotes, a place name, a creature introduced with "named".
HANDWRITTEN = """Last summer, Zoë Marchetti moved to Paris with her grandmother. She hated it.

Every morning she walked along the Seine. In Paris the pigeons were bolder than dogs. “I want to go home,” Zoë told \
the river.

One evening a wolf named Grey stepped out of the fog near the bridge. Grey had a torn ear and eyes like wet stones. \
“You smell like the mountains,” said Grey.

The cruel Inspector Duval, a thin man in a black raincoat, hunted wolves for sport. “Give me the animal, girl,” Duval \
said. Zoë refused.

Together Zoë and Grey ran through the catacombs under Paris until dawn. “Left here,” Grey growled. “Always left.”

At sunrise they climbed out into a garden, and Inspector Duval was nowhere to be seen. Zoë laughed for the first time \
since summer."""


async def write(prompt: str, teller: OfflineStoryteller | None = None) -> tuple[StoryResult, list[str]]:
    deltas: list[str] = []

    async def on_delta(text: str) -> None:
        deltas.append(text)

    result = await (teller or OfflineStoryteller()).write_story(prompt, on_delta)
    return result, deltas


async def cast_of(story: str) -> list[CharacterProfile]:
    return (await OfflineStoryteller().extract_characters(story)).items


def by_name(characters: list[CharacterProfile]) -> dict[str, CharacterProfile]:
    return {c.name: c for c in characters}


def test_implements_the_llm_interface() -> None:
    provider: LLMProvider = OfflineStoryteller()
    assert provider.name == "offline-storyteller"


def test_rejects_a_chunk_size_below_one() -> None:
    with pytest.raises(ValueError):
        OfflineStoryteller(words_per_chunk=0)


# --- write_story ------------------------------------------------------------------------------------------------------


async def test_same_prompt_gives_the_same_story_and_different_prompts_differ() -> None:
    first, _ = await write(LIGHTHOUSE)
    again, _ = await write(LIGHTHOUSE)
    other, _ = await write("a lighthouse keeper befriends a sea dragon")
    assert first.text == again.text
    assert first.usage == again.usage
    assert other.text != first.text


async def test_deltas_concatenate_exactly_to_the_story_in_small_chunks() -> None:
    result, deltas = await write(LIGHTHOUSE, OfflineStoryteller(words_per_chunk=4))
    assert "".join(deltas) == result.text
    assert len(deltas) > 50
    assert all(1 <= len(d.split()) <= 4 for d in deltas)


async def test_chunk_delay_still_streams_the_whole_story() -> None:
    result, deltas = await write("a fox", OfflineStoryteller(chunk_delay=0.0001, words_per_chunk=50))
    assert "".join(deltas) == result.text
    assert len(deltas) > 5


async def test_story_is_a_hero_journey_built_from_the_prompt() -> None:
    result, _ = await write(LIGHTHOUSE)
    paragraphs = result.text.split("\n\n")
    assert 8 <= len(paragraphs) <= 10
    assert all(p.strip() == p and p for p in paragraphs)
    assert 400 <= len(result.text.split()) <= 800
    lower = result.text.lower()
    for word in ("lighthouse keeper", "sea monster", "befriend"):
        assert word in lower
    # Spoken, attributed lines in most scenes.
    spoken = [p for p in paragraphs if re.search(r'"[^"]+,?" said [A-Z]', p)]
    assert len(spoken) >= len(paragraphs) - 2
    assert result.finish_reason == "stop"


@pytest.mark.parametrize("prompt", PROMPTS)
async def test_every_prompt_gives_a_complete_story(prompt: str) -> None:
    result, _ = await write(prompt)
    assert 8 <= len(result.text.split("\n\n")) <= 10
    assert 400 <= len(result.text.split()) <= 800
    assert prompt.lower().split()[-1] in result.text.lower()  # the prompt's last word: its object or quest


async def test_usage_is_a_deterministic_word_and_punctuation_count() -> None:
    result, _ = await write(LIGHTHOUSE)
    words = len(result.text.split())
    punctuation = len(re.findall(r"[^\w\s]", result.text))
    assert result.usage.completion_tokens >= words
    assert result.usage.completion_tokens <= words + punctuation + result.text.count("'") + 10
    assert result.usage.prompt_tokens > len(LIGHTHOUSE.split())  # the system prompt counts too


@pytest.mark.parametrize("prompt", ["", "   ", "\n\t"])
async def test_empty_prompt_is_a_permanent_error(prompt: str) -> None:
    with pytest.raises(ProviderError) as error:
        await write(prompt)
    assert error.value.retryable is False
    assert "prompt is empty" in str(error.value)


# --- extract_characters -----------------------------------------------------------------------------------------------


async def test_extracts_the_generated_cast_with_sensible_types_and_roles() -> None:
    result, _ = await write(LIGHTHOUSE)
    characters = await cast_of(result.text)
    assert 3 <= len(characters) <= 8
    hero = characters[0]
    assert hero.role == "protagonist"
    assert hero.character_type == "humanoid"
    assert "lighthouse keeper" in hero.brief
    monsters = [c for c in characters if "sea monster" in c.brief]
    assert len(monsters) == 1
    assert monsters[0].character_type == "creature"
    assert monsters[0].role != "antagonist"
    villains = [c for c in characters if c.role == "antagonist"]
    assert len(villains) == 1
    assert villains[0].character_type == "humanoid"
    assert any(c.role == "supporting" and "mentor" in c.brief for c in characters)
    assert [c for c in characters if c.role == "protagonist"] == [hero]


@pytest.mark.parametrize("prompt", PROMPTS)
async def test_every_extracted_profile_is_complete_and_written_as_in_the_story(prompt: str) -> None:
    result, _ = await write(prompt)
    characters = await cast_of(result.text)
    assert len(characters) >= 2
    assert characters[0].role == "protagonist"
    # The prompt's subject is the hero: a person, or a creature when the prompt is about one ("dragon").
    assert characters[0].character_type == ("creature" if prompt == "dragon" else "humanoid")
    # An everyday task ("a robot learns to paint") is told with no one against its hero; any other tale has one.
    task = task_of(plan_story(prompt)) is not None
    assert sum(c.role == "antagonist" for c in characters) == (0 if task else 1)
    assert len({c.name for c in characters}) == len(characters)
    for character in characters:
        assert character.name in result.text
        assert character.brief and character.visual_form and character.demeanor and character.era
        assert 3 <= len(character.color_palette) <= 5
        assert all(HEX.match(colour) for colour in character.color_palette)
    # The story's town ("In Gullhaven they still told ...") is a place, not a character.
    town = plan_story(prompt).town
    assert town in result.text
    assert town not in {c.name for c in characters}


async def test_prompt_creatures_objects_and_concepts_become_typed_characters() -> None:
    time_story, _ = await write("the last librarian fights Time itself")
    assert by_name(await cast_of(time_story.text))["Time"].character_type == "concept"

    sword_story, _ = await write("a young girl finds a magic sword in the forest")
    swords = [c for c in await cast_of(sword_story.text) if "magic sword" in c.brief]
    assert [c.character_type for c in swords] == ["object"]

    dragon_story, _ = await write("a knight fights a dragon")
    dragons = [c for c in await cast_of(dragon_story.text) if "dragon" in c.brief]
    assert [c.character_type for c in dragons] == ["creature"]


async def test_colours_in_the_description_become_the_palette() -> None:
    story = (
        "Mira Quill, a stubborn keeper in a crimson coat, with a brass spyglass, climbed the stairs. "
        '"Hold the light!" said Mira.'
    )
    mira = (await cast_of(story))[0]
    assert mira.name == "Mira Quill"
    assert mira.color_palette[:2] == ["#dc143c", "#b5a642"]
    assert "a brass spyglass" in mira.distinctive_markers
    assert mira.demeanor == "stubborn"


async def test_extraction_follows_a_renamed_hero() -> None:
    result, _ = await write(LIGHTHOUSE)
    old_first = (await cast_of(result.text))[0].name.split()[0]
    edited = result.text.replace(old_first, "Ada")
    characters = await cast_of(edited)
    assert characters[0].name.split()[0] == "Ada"
    assert characters[0].role == "protagonist"
    assert all(old_first not in c.name for c in characters)


async def test_extraction_finds_a_character_added_by_the_user() -> None:
    result, _ = await write(LIGHTHOUSE)
    edited = (
        result.text + "\n\nAt the harbour gate waited Bertram Quince, a one-eyed tinker in a green coat. "
        '"I have a boat," said Bertram. "And I have a plan," said Bertram.'
    )
    bertram = by_name(await cast_of(edited))["Bertram Quince"]
    assert bertram.character_type == "humanoid"
    assert "#2e8b57" in bertram.color_palette  # green
    assert "one-eyed" in bertram.distinctive_markers


async def test_extraction_reads_a_story_it_did_not_write() -> None:
    characters = await cast_of(HANDWRITTEN)
    names = [c.name for c in characters]
    assert names[0] == "Zoë Marchetti"
    assert characters[0].role == "protagonist"
    assert set(names) == {"Zoë Marchetti", "Grey", "Inspector Duval"}  # not Paris, the Seine, "Together" or "Left"
    cast = by_name(characters)
    assert cast["Grey"].character_type == "creature"
    assert "a torn ear" in cast["Grey"].distinctive_markers
    assert cast["Inspector Duval"].role == "antagonist"
    assert "#1a1a1a" in cast["Inspector Duval"].color_palette  # black raincoat


async def test_extraction_keeps_at_most_eight_characters() -> None:
    names = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Fyodor", "Galina", "Hugo", "Irina", "Jonas"]
    story = " ".join(f'"Hello," said {name}. "Goodbye," said {name}.' for name in names)
    characters = await cast_of(story)
    assert len(characters) == 8
    assert characters[0].role == "protagonist"


@pytest.mark.parametrize(
    ("chant", "names"),
    [("jean-luc", []), ("jean-luc-ville", []), ("jean-lucas", ["Jean-Luc"])],
)
async def test_a_hyphenated_name_also_written_in_lower_case_is_a_word(chant: str, names: list[str]) -> None:
    story = f"At noon the boy Jean-Luc waited. Then Jean-Luc slept. The crowd chanted {chant} all night."
    assert [c.name for c in await cast_of(story)] == names


@pytest.mark.parametrize("story", ["", "  \n\n  "])
async def test_empty_story_is_a_permanent_extraction_error(story: str) -> None:
    with pytest.raises(ProviderError) as error:
        await OfflineStoryteller().extract_characters(story)
    assert error.value.retryable is False


# --- generate_panels --------------------------------------------------------------------------------------------------


async def test_panels_of_a_generated_story_use_only_the_cast_and_the_text() -> None:
    result, _ = await write(LIGHTHOUSE)
    cast = [c.name for c in await cast_of(result.text)]
    panels = (await OfflineStoryteller().generate_panels(result.text, cast)).items
    assert 6 <= len(panels) <= 12
    quoted = set(re.findall(r'"([^"]+)"', result.text))
    for panel in panels:
        assert 0 < len(panel.background) <= 240
        assert set(panel.characters) <= set(cast)
        assert len(panel.characters) == len(set(panel.characters)) <= 4
        assert 0 < len(panel.dialogue) <= 160
        line = panel.dialogue.split(": ", 1)[-1].rstrip(".")
        assert any(line.rstrip(",.!?") in q for q in quoted)
        # Narration goes to the caption box: a sentence of the story without speech in it, whole or shortened at
        # its commas (a description or a place left out), never cut off mid-thought.
        assert panel.caption and '"' not in panel.caption
        assert panel.caption.endswith((".", "!", "?")) and "…" not in panel.caption, panel.caption
        assert words_in_order(panel.caption, result.text), panel.caption
    assert cast[0] in panels[0].characters  # the hero opens the story
    assert sum(bool(p.characters) for p in panels) >= len(panels) - 1


async def test_panels_never_name_someone_missing_from_the_cast() -> None:
    result, _ = await write(LIGHTHOUSE)
    characters = await cast_of(result.text)
    villain = next(c.name for c in characters if c.role == "antagonist")
    cast = [c.name for c in characters if c.name != villain]
    panels = (await OfflineStoryteller().generate_panels(result.text, cast)).items
    assert villain in result.text
    assert all(villain not in p.characters for p in panels)
    assert all(set(p.characters) <= set(cast) for p in panels)


async def test_a_first_or_last_name_maps_to_the_cast_spelling() -> None:
    story = "\n\n".join(
        [
            'In the lamp room, Zoe lit the wick. "Hold the light!" said Zoe.',
            'At the door, VASK waited in the rain. "Give it to me," said Vask.',
            "On the stairs, the keeper and Lord Vask met at last.",
            "Marchetti did not blink.",
            "Outside, the time for talking was over, and the storm broke.",
            "Nobody else came.",
        ]
    )
    cast = ["Zoë Marchetti", "Lord Vask", "Grendlow", "Time", "The Storm"]
    panels = (await OfflineStoryteller().generate_panels(story, cast)).items
    assert [p.characters for p in panels] == [
        ["Zoë Marchetti"],
        ["Lord Vask"],
        ["Lord Vask"],
        ["Zoë Marchetti"],
        [],
        [],
    ]


async def test_dialogue_is_the_first_quoted_line_credited_to_its_speaker() -> None:
    opening = (
        'On the gallery of the lighthouse at night, Mira raised her lantern. "Hold the light!" said Mira. '
        '"Never," said Vask.'
    )
    story = "\n\n".join([opening, *(f"Mira waited for hour {n}." for n in range(1, 6))])
    panel = (await OfflineStoryteller().generate_panels(story, ["Mira"])).items[0]
    assert panel.dialogue == "Mira: Hold the light!"
    assert panel.background.startswith("On the gallery of the lighthouse")
    assert "Mira raised her lantern" in panel.background
    assert panel.characters == ["Mira"]


async def test_a_beat_without_speech_is_captioned_from_its_first_sentence() -> None:
    story = "Along the frozen river, the wolves ran all night. Nobody followed them."
    panels = (await OfflineStoryteller().generate_panels(story, [])).items
    assert panels[0].caption == "Along the frozen river, the wolves ran all night."
    assert panels[0].dialogue == ""
    assert panels[0].characters == []


async def test_a_caption_does_not_end_at_an_abbreviation() -> None:
    story = "Dr. Mira Quill walked in at dawn, Mr. Vask behind her. Nobody followed."
    panels = (await OfflineStoryteller().generate_panels(story, [])).items
    assert panels[0].caption == "Dr. Mira Quill walked in at dawn, Mr. Vask behind her."


async def test_a_very_short_story_gives_at_least_one_panel() -> None:
    panels = (await OfflineStoryteller().generate_panels("Mira lit the lamp.", ["Mira"])).items
    assert len(panels) == 1
    assert panels[0].characters == ["Mira"]
    assert panels[0].background


async def test_few_long_paragraphs_are_split_and_many_short_ones_merged() -> None:
    sentences = " ".join(f"Mira climbed step {n} of the tower." for n in range(1, 13))
    few = (await OfflineStoryteller().generate_panels(f"{sentences}\n\n{sentences}", ["Mira"])).items
    assert len(few) >= 6
    many = "\n\n".join(f"Mira climbed step {n}." for n in range(1, 31))
    merged = (await OfflineStoryteller().generate_panels(many, ["Mira"])).items
    assert 6 <= len(merged) <= 12


async def test_panels_of_a_handwritten_story() -> None:
    cast = ["Zoë Marchetti", "Grey", "Inspector Duval"]
    panels = (await OfflineStoryteller().generate_panels(HANDWRITTEN, cast)).items
    assert 6 <= len(panels) <= 12
    assert panels[2].dialogue == "Grey: You smell like the mountains."
    assert panels[4].characters == ["Zoë Marchetti", "Grey"]
    assert "Paris" in panels[0].background


# --- stories written elsewhere: a real LLM's prose, a story without dialogue, one character, another language -------

# As a real LLM writes: a markdown title, italics, titles before names ("Captain", "First Mate"), lines credited by
# pronoun ('she said'), someone introduced by "named", a ship always "the Meridian", a port named like a person.
LLM_PROSE = """# The Salt Road

The storm had been following the *Meridian* for three days when Captain Ada Reyes finally admitted it was \
gaining on them. She stood at the helm with her coat snapping in the wind, watching the black wall of cloud \
swallow the horizon.

"We can't outrun it," said First Mate Jonah Okoye, wiping rain from his eyes. "Not with the mainmast cracked."

Reyes didn't answer at once. She was thinking of the harbour at Port Sable, of the lighthouse her father had \
kept, of the promise she had made to bring the crew home. "Then we don't outrun it," she said at last. "We go \
through it."

Below deck, the ship's cook, a broad-shouldered woman named Marisol Vega, was lashing barrels to the bulkhead. \
When the first wave hit, she was thrown against the stove and came up laughing. "Is that all you've got?" she \
shouted at the ceiling.

The night was long. Twice the Meridian heeled so far that water poured over the rail, and twice she righted \
herself. Okoye lost his footing on the quarterdeck and fell hard, and Reyes caught him by the collar before the \
sea could take him.

By dawn the storm had passed. The sea lay flat and grey and exhausted, and far ahead, a thin line of gold \
marked the coast.

"Port Sable," whispered Okoye.

Captain Reyes smiled for the first time in a week. "Told you," she said. "Through it."
"""

# No dialogue at all; a neighbour introduced before her name ("His neighbour, Ingrid Solberg"); an unnamed seal.
NO_DIALOGUE = """Every morning, old Henrik Dahl walked down to the fjord with his nets. He had done it for \
forty winters, and his knees told him so.

One grey morning the nets came up heavy. Tangled in the mesh was a seal pup, its flipper caught and bleeding. \
Henrik knelt on the wet stones and cut it free with his knife, slowly, so as not to frighten it.

The pup did not swim away. It followed him home along the shore, and it slept that night by his stove.

His neighbour, Ingrid Solberg, laughed when she saw it. She brought a bowl of herring the next day, and the day \
after.

By spring the pup was strong again. Henrik carried it down to the water and set it on the rocks. It looked back \
at him once, and then it was gone beneath the waves.

He still walks down to the fjord every morning. Sometimes, far out, a dark head rises from the water and \
watches him work.
"""

# One person, mostly "she".
ONE_CHARACTER = """Nadia Petrova woke before her alarm, as she always did on launch days.

She drove to the hangar in the dark, past the empty fields and the sleeping town. The rocket stood on its pad, \
white and silent under the floodlights.

"Okay," Nadia said to no one. "Okay. Let's see if you fly."

She checked every valve twice. She checked the weather three times. At nine o'clock she pressed the button, and \
the little rocket climbed, wobbling, into a sky the colour of milk.

It did not reach orbit. It did not even reach the clouds. But it flew, and Nadia stood in the cold field and \
cheered until her voice gave out.
"""

# French, as written by hand: guillemets, "dit son adjoint, Julien Blanc", "répondit-elle".
FRENCH = """Il pleuvait sur Lyon depuis trois jours quand l'inspectrice Claire Moreau reçut l'appel.

« Un vol au musée des Confluences », dit son adjoint, Julien Blanc. « Le diamant bleu a disparu. »

Claire enfila son imperméable et descendit dans la rue. Au musée, le directeur, un petit homme nerveux nommé \
Armand Roux, l'attendait devant la vitrine vide.

« Personne n'est entré, je vous le jure », murmura Roux.

Claire regarda longtemps la vitrine. Puis elle sourit. « Personne n'est entré, en effet », répondit-elle. « Le \
voleur n'est jamais sorti. »
"""


# Nobody is named: "the old woman", "the fisherman", lines credited by "said the old woman" and "he said".
NAMELESS = """The old woman lived at the end of the pier. Every morning she fed the gulls and watched the boats go out.

One day a storm came in from the west. The old woman lit the lamp in her window and waited.

A small boat limped into the harbour at dawn. The fisherman who sailed it climbed the pier and knocked on her door.

"You kept the light burning," he said.

"Someone had to," said the old woman.
"""


# Japanese: no spaces, full stops without a space after them, corner-bracket quotes, names in katakana.
JAPANESE = """ロボットのボルトは火星の庭で花を育てていた。

ある夜、砂嵐が来た。「花を守らなきゃ」とボルトは言った。

朝になると、庭は無事だった。ボルトは笑った。
"""


async def read(story: str) -> tuple[list[CharacterProfile], list[PanelDraft]]:
    teller = OfflineStoryteller()
    cast = (await teller.extract_characters(story)).items
    return cast, (await teller.generate_panels(story, [c.name for c in cast])).items


def assert_panels_keep_to_the_cast(panels: list[PanelDraft], cast: list[CharacterProfile]) -> None:
    """Panels name only cast members, and every line is credited to someone drawn in its panel."""
    names = {c.name for c in cast}
    assert 1 <= len(panels) <= 12
    for panel in panels:
        assert set(panel.characters) <= names, panel
        if ": " in panel.dialogue:
            speaker = panel.dialogue.split(": ", 1)[0]
            owners = [n for n in panel.characters if speaker == n or set(speaker.split()) <= set(n.split())]
            assert owners, (speaker, panel)


async def test_a_real_llm_story_gives_its_titled_cast_and_credits_pronoun_lines() -> None:
    cast, panels = await read(LLM_PROSE)
    by = by_name(cast)
    assert cast[0].name == "Captain Ada Reyes" and cast[0].role == "protagonist"
    assert {"First Mate Jonah Okoye", "Marisol Vega"} <= set(by)
    assert by["Marisol Vega"].visual_form == "broad-shouldered woman"  # "a broad-shouldered woman named Marisol Vega"
    assert by["Meridian"].character_type == "object"
    assert "Port Sable" not in by  # a place, though it is written like a name and whispered like one
    assert_panels_keep_to_the_cast(panels, cast)
    # '"Then we don't outrun it," she said' after "Reyes didn't answer at once": Reyes speaks.
    line = next(p for p in panels if "outrun it." in p.dialogue and "Then" in p.dialogue)
    assert line.dialogue.startswith("Captain Ada Reyes: ") and "Captain Ada Reyes" in line.characters
    okoye = next(p for p in panels if "can't outrun it" in p.dialogue)
    assert okoye.dialogue.startswith("First Mate Jonah Okoye: ")
    assert "said" not in okoye.background  # the action is Okoye's, "wiping rain from his eyes"
    assert any("Okoye falls" in p.background or "falls" in p.background.split(":")[0] for p in panels)


async def test_a_story_without_dialogue_gives_captions_and_no_lines() -> None:
    cast, panels = await read(NO_DIALOGUE)
    assert [c.name for c in cast] == ["Henrik Dahl", "Ingrid Solberg"]
    assert cast[0].role == "protagonist" and cast[1].visual_form == "neighbour"
    assert_panels_keep_to_the_cast(panels, cast)
    assert all(p.dialogue == "" and p.caption for p in panels)
    assert any("fjord" in p.background for p in panels)


async def test_a_story_of_one_character_draws_her_where_it_says_she() -> None:
    cast, panels = await read(ONE_CHARACTER)
    assert [c.name for c in cast] == ["Nadia Petrova"]
    assert_panels_keep_to_the_cast(panels, cast)
    she = [p for p in panels if re.match(r"She\b", p.caption)]
    assert she and all(p.characters == ["Nadia Petrova"] for p in she)
    assert any(p.dialogue == "Nadia: Okay." for p in panels)


async def test_a_story_that_names_nobody_still_has_its_people() -> None:
    cast, panels = await read(NAMELESS)
    assert [(c.name, c.role, c.character_type) for c in cast] == [
        ("The Old Woman", "protagonist", "humanoid"),
        ("The Fisherman", "minor", "humanoid"),
    ]
    assert_panels_keep_to_the_cast(panels, cast)
    lines = [p.dialogue for p in panels if p.dialogue]
    assert lines == ["The Fisherman: You kept the light burning.", "The Old Woman: Someone had to."]
    assert panels[0].characters == ["The Old Woman"]  # "The old woman lived ...": written in lower case, still her


async def test_a_japanese_story_is_read_sentence_by_sentence_and_its_line_is_dialogue() -> None:
    cast, panels = await read(JAPANESE)  # katakana names are not found yet: an empty cast must still give panels
    assert_panels_keep_to_the_cast(panels, cast)
    assert panels[0].caption == "ロボットのボルトは火星の庭で花を育てていた。"  # not dropped as a title line
    assert len(panels) == 5  # one a sentence: "。" ends a sentence with no space after it
    assert [p.dialogue for p in panels if p.dialogue] == ["花を守らなきゃ"]  # 「...」 is speech
    assert all(p.background.startswith("The scene — mars") for p in panels)  # 火星: the renderer draws Mars


async def test_a_french_story_gives_its_cast_and_credits_its_guillemet_lines() -> None:
    cast, panels = await read(FRENCH)
    assert cast[0].name == "Claire Moreau"
    assert {"Julien Blanc", "Armand Roux"} <= {c.name for c in cast}
    assert_panels_keep_to_the_cast(panels, cast)
    lines = [p.dialogue for p in panels if p.dialogue]
    assert "Julien Blanc: Un vol au musée des Confluences" in lines
    assert "Claire Moreau: Personne n'est entré, en effet" in lines  # "répondit-elle", after "Claire ... sourit"
    assert not any("«" in line or "»" in line for line in lines)


@pytest.mark.parametrize("story", ["", " \n "])
async def test_empty_story_is_a_permanent_panel_error(story: str) -> None:
    with pytest.raises(ProviderError) as error:
        await OfflineStoryteller().generate_panels(story, ["Mira"])
    assert error.value.retryable is False


# --- slugify ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Zoë O'Brien", "zoe-o-brien"),
        ("  Lord   Vask! ", "lord-vask"),
        ("The Storm", "the-storm"),
        ("Ünïcödé--Name__2", "unicode-name-2"),
        ("東京", "東京"),
        ("!!!", ""),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug
