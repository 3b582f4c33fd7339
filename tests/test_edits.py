"""The pure state changes of an edit and of replacing/restoring content (no Temporal, no database)."""

import itertools
import uuid
from datetime import UTC, datetime

import pytest

from domain.edits import EditRejected, StateEdit, apply_edit
from domain.replacements import archive, restore, would_replace
from domain.state import ConsolidatedComicState
from tests.test_state_models import sample_state

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def ids() -> "itertools.count[int]":
    return itertools.count(1)


def edit(state: ConsolidatedComicState, document: dict) -> ConsolidatedComicState:  # type: ignore[type-arg]
    counter = ids()
    return apply_edit(state, StateEdit.model_validate(document), lambda: uuid.UUID(int=next(counter)))


def test_round_trip_of_the_whole_document_changes_nothing() -> None:
    state = sample_state()
    archive(state, "panels", uuid.uuid4(), NOW)
    assert edit(state, state.model_dump(mode="json")) == state


def test_each_pipeline_owned_field_is_refused_by_path() -> None:
    state = sample_state()
    hero = next(iter(state.characters))
    document = state.model_dump(mode="json")
    cases = {
        f"state.characters.{hero}.render_status": ("characters", str(hero), "render_status", "error"),
        f"state.characters.{hero}.artifact": ("characters", str(hero), "artifact", None),
        "state.panels[1].render_error": ("panels", 1, "render_error", "x"),
    }
    for field, (section, key, name, value) in cases.items():
        changed = StateEdit.model_validate(document).model_dump(mode="json")
        changed[section][key][name] = value
        with pytest.raises(EditRejected) as refused:
            edit(state, changed)
        assert refused.value.field == field
    with pytest.raises(EditRejected, match=r"state\.usage"):
        edit(state, {"usage": {"prompt_tokens": 5, "completion_tokens": 0}})
    with pytest.raises(EditRejected, match=r"state\.previous"):
        edit(state, {"previous": [{"id": str(uuid.uuid4()), "kind": "story", "replaced_at": NOW.isoformat()}]})


def test_left_out_sections_and_fields_are_kept_and_new_items_get_server_ids() -> None:
    state = sample_state()
    hero_id = next(iter(state.characters))
    after = edit(state, {"characters": {str(hero_id): {"brief": "new"}, "x": {"name": "Grendlow"}}})
    assert after.characters[hero_id].brief == "new" and after.characters[hero_id].name == "Mira Vale"
    assert after.characters[hero_id].artifact == state.characters[hero_id].artifact
    (added,) = [c for c in after.characters.values() if c.name == "Grendlow"]
    assert added.id == uuid.UUID(int=1) and added.render_status == "pending"
    assert after.panels == state.panels and after.story == state.story
    with pytest.raises(EditRejected, match=r"state.characters\[0\].id"):
        edit(state, {"characters": [{"id": str(uuid.uuid4()), "name": "Impostor"}]})
    with pytest.raises(EditRejected, match="already named"):
        edit(state, {"characters": [{"name": "Mira Vale"}, {"name": "mira vale"}]})


def test_replacing_is_described_kept_and_restorable() -> None:
    state = sample_state()
    assert would_replace(ConsolidatedComicState(), ("story", "characters", "panels")) == []
    lost = would_replace(state, ("story", "characters", "panels"))
    assert len(lost) == 3 and "1 with sheets" in lost[1] and "2 panels" in lost[2]
    old_panels = state.panels
    first = uuid.uuid4()
    archive(state, "panels", first, NOW)
    state.panels = []
    assert state.previous[0].panels == old_panels and would_replace(state, ("panels",)) == []
    archive(state, "panels", uuid.uuid4(), NOW)  # nothing to keep: no entry
    assert len(state.previous) == 1
    assert restore(state, first, uuid.uuid4(), NOW) == "panels"
    assert state.panels == old_panels and state.previous == []
    with pytest.raises(KeyError):
        restore(state, first, uuid.uuid4(), NOW)
    for _ in range(8):
        archive(state, "story", uuid.uuid4(), NOW)
    assert len(state.previous) == 5  # only the latest few are kept
