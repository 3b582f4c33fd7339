"""JSON merge patches (what the workflow persists) and the cast's name resolution."""

import json
import uuid

from domain.cast import Cast, NameIndex
from domain.character import Character
from domain.panel import Panel
from domain.patch import merge_apply, merge_diff, state_apply, state_diff
from domain.state import ConsolidatedComicState
from providers.offline.presence import cast_aliases
from tests.test_state_models import sample_state


def test_merge_diff_then_apply_reproduces_the_new_document() -> None:
    state = sample_state()
    old_doc = state.model_dump(mode="json")
    changed = state.model_copy(deep=True)
    changed.story.text = "A new beginning."
    changed.panels[1].dialogue = "Look!"
    creature = Character(id=uuid.uuid4(), name="Grendlow", character_type="creature")
    changed.characters[creature.id] = creature
    new_doc = changed.model_dump(mode="json")
    patch = merge_diff(old_doc, new_doc)
    # Nulls mean "remove" in a merge patch; the models default every nullable field to null, so they agree.
    assert ConsolidatedComicState.model_validate(merge_apply(old_doc, patch)) == changed
    # Only what changed travels.
    assert set(patch) == {"story", "characters", "panels"}
    assert patch["story"] == {"text": "A new beginning."}
    assert list(patch["characters"]) == [str(creature.id)]


def test_removed_keys_and_nulls() -> None:
    old = {"a": 1, "b": {"c": 2, "d": 3}, "e": [1, 2]}
    new = {"b": {"c": 2}, "e": [2], "f": None}
    patch = merge_diff(old, new)
    assert patch == {"a": None, "b": {"d": None}, "e": [2], "f": None}
    assert merge_apply(old, patch) == {"b": {"c": 2}, "e": [2]}
    assert old == {"a": 1, "b": {"c": 2, "d": 3}, "e": [1, 2]}  # inputs untouched
    assert merge_diff(old, old) == {}


def test_cast_resolves_slugged_and_partial_names() -> None:
    mira = Character(id=uuid.uuid4(), name="Mira Vale")
    vask = Character(id=uuid.uuid4(), name="Lord Vask")
    mara = Character(id=uuid.uuid4(), name="Mara Vale")
    cast = Cast([mira, vask, mara])
    assert cast.resolve("mira  vale!") is mira
    assert cast.resolve("Vask") is vask
    assert cast.resolve("Vale") is None  # ambiguous: two Vales
    assert cast.resolve("Nobody") is None
    kept, dropped = cast.constrain(["Mira", "Mira Vale", "Ghost", "lord vask"])
    assert kept == ["Mira Vale", "Lord Vask"]
    assert dropped == ["Ghost"]


def test_one_name_rule_for_every_reader() -> None:
    """The Cast, the OpenAI validator and the offline reader all resolve names by NameIndex."""
    names = ["Captain Ada Reyes", "Mary Ann Smith", "Ann", "The Old Woman"]
    index = NameIndex(((n, n) for n in names), not_alone=frozenset({"captain", "the"}), whole_only=lambda n: "Old" in n)
    assert index.find("captain ada reyes") == "Captain Ada Reyes"
    assert index.find("Reyes") == index.find("Ada") == "Captain Ada Reyes"
    assert index.find("Captain") is None, "a title never stands alone for a name"
    assert index.find("Ann") == "Ann", "a member's whole name is never another's alias"
    assert index.find("Mary") == index.find("Smith") == "Mary Ann Smith"
    assert index.find("Woman") is None and index.find("the old woman") == "The Old Woman"
    assert [tokens for tokens, _ in index.aliases()][:2] == [("captain", "ada", "reyes"), ("mary", "ann", "smith")]
    assert cast_aliases(names[:1]) == [
        (("captain", "ada", "reyes"), "Captain Ada Reyes"),
        (("ada",), "Captain Ada Reyes"),
        (("reyes",), "Captain Ada Reyes"),
    ]


def test_state_diff_addresses_panels_by_id_so_its_size_does_not_grow_with_the_panels() -> None:
    sizes = []
    for count in (10, 100):
        state = sample_state()
        state.panels = [Panel(id=uuid.uuid4(), index=i, background=f"scene {i}") for i in range(count)]
        old = state.model_dump(mode="json")
        state.panels[3].dialogue = "Only this changed."
        new = state.model_dump(mode="json")
        patch = state_diff(old, new)
        assert patch == {"panels": {str(state.panels[3].id): {"dialogue": "Only this changed."}}}
        assert ConsolidatedComicState.model_validate(state_apply(old, patch)) == state
        sizes.append(len(json.dumps(patch)))
    assert sizes[0] == sizes[1]
    # Reordering, removing and adding travel as the order plus the new panel only.
    state = sample_state()
    old = state.model_dump(mode="json")
    added = Panel(id=uuid.uuid4(), index=0, background="new")
    state.panels = [added, state.panels[1].model_copy(update={"index": 1})]
    patch = state_diff(old, state.model_dump(mode="json"))
    removed = old["panels"][0]["id"]
    assert patch["panels"] == {str(added.id): added.model_dump(mode="json"), removed: None}
    assert patch["panel_order"] == [str(added.id), str(state.panels[1].id)]
    assert ConsolidatedComicState.model_validate(state_apply(old, patch)) == state
