"""The state models: JSON round trip, strictness, consistency rules."""

import uuid
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from domain import Artifact, Character, ConsolidatedComicState, Panel, Story


def sample_state() -> ConsolidatedComicState:
    project_id = uuid.uuid4()
    hero_id = uuid.uuid4()
    hero = Character(
        id=hero_id,
        name="Mira Vale",
        brief="A lighthouse keeper's daughter",
        character_type="humanoid",
        era="1890s",
        visual_form="tall, windswept coat",
        color_palette=["#1d3557", "#e63946"],
        distinctive_markers=["brass spyglass"],
        demeanor="stubborn",
        role="protagonist",
        render_status="completed",
        artifact=Artifact(
            key=f"{project_id}/characters/{hero_id}-1.png",
            model="offline-renderer",
            prompt="sheet",
            created_at=datetime.now(UTC),
        ),
    )
    panels = [
        Panel(
            id=uuid.uuid4(),
            index=0,
            background="a stormy cliff",
            characters=["Mira Vale"],
            dialogue="Hold on!",
        ),
        Panel(id=uuid.uuid4(), index=1, background="the lamp room"),
    ]
    return ConsolidatedComicState(
        story=Story(prompt="a lighthouse", text="Once...", status="completed"),
        characters={hero.id: hero},
        panels=panels,
    )


def test_json_round_trip_is_lossless() -> None:
    state = sample_state()
    again = ConsolidatedComicState.model_validate_json(state.model_dump_json())
    assert again == state
    # And through the dict form stored as JSONB.
    assert ConsolidatedComicState.model_validate(state.model_dump(mode="json")) == state


def test_defaults_describe_an_empty_project() -> None:
    state = ConsolidatedComicState()
    assert state.story.status == "idle"
    assert state.characters == {} and state.panels == []
    assert {name: phase.status for name, phase in state.phases} == {
        "story": "idle",
        "characters": "idle",
        "character_renders": "idle",
        "panels": "idle",
        "panel_renders": "idle",
        "pages": "idle",
    }


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(extra_field=1),
        lambda d: d["story"].update(colour="red"),
        lambda d: next(iter(d["characters"].values())).update(age=3),
        lambda d: d["panels"][0].update(mood="x"),
    ],
)
def test_unknown_fields_are_rejected(mutate) -> None:  # type: ignore[no-untyped-def]
    data = sample_state().model_dump(mode="json")
    mutate(data)
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        ConsolidatedComicState.model_validate(data)


def test_enumerations_are_enforced() -> None:
    data = sample_state().model_dump(mode="json")
    next(iter(data["characters"].values()))["character_type"] = "robot"
    with pytest.raises(ValidationError, match="character_type"):
        ConsolidatedComicState.model_validate(data)
    data = sample_state().model_dump(mode="json")
    data["story"]["status"] = "done"
    with pytest.raises(ValidationError, match="status"):
        ConsolidatedComicState.model_validate(data)


def test_character_key_must_match_its_id() -> None:
    data = sample_state().model_dump(mode="json")
    character = data["characters"].popitem()[1]
    data["characters"][str(uuid.uuid4())] = character
    with pytest.raises(ValidationError, match="holds a character whose id"):
        ConsolidatedComicState.model_validate(data)


def test_panels_must_be_ordered_and_unique() -> None:
    data = sample_state().model_dump(mode="json")
    data["panels"].reverse()
    with pytest.raises(ValidationError, match="ordered by index"):
        ConsolidatedComicState.model_validate(data)
    data = sample_state().model_dump(mode="json")
    data["panels"][1]["id"] = data["panels"][0]["id"]
    with pytest.raises(ValidationError, match="unique"):
        ConsolidatedComicState.model_validate(data)


def test_cast_is_ordered_by_role_then_name() -> None:
    roles = ["minor", "supporting", "antagonist", "protagonist", "supporting"]
    names = ["Zed", "Bea", "Vask", "Mira", "Anna"]
    characters = [Character(id=uuid.uuid4(), name=n, role=r) for n, r in zip(names, roles, strict=True)]  # type: ignore[arg-type]
    state = ConsolidatedComicState(characters={c.id: c for c in characters})
    assert [c.name for c in state.characters.values()] == ["Mira", "Vask", "Anna", "Bea", "Zed"]
    # Whatever order the stored JSON has.
    data = state.model_dump(mode="json")
    data["characters"] = dict(reversed(list(data["characters"].items())))
    assert list(ConsolidatedComicState.model_validate(data).characters) == list(state.characters)
