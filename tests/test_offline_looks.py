"""People of one offline comic are dressed apart: the ally never wears the hero's colour, or one that reads as it
on a small figure (amber and yellow, crimson and scarlet)."""

import itertools

import pytest

from providers.offline.lexicon import COLOURS
from providers.offline.plan import _hue_gap, plan_story
from providers.offline.world import GARMENT_COLOURS

HEROES = ["a juggler", "a lighthouse keeper", "a chef", "a nurse", "a pilot", "a knight", "a robot", "a baker"]
PLACES = ["at the circus", "by the sea", "in a cooking contest", "on Mars", "in the hospital", "in the mountains"]
PROMPTS = [f"{hero} {verb} {place}" for hero, verb, place in
           itertools.product(HEROES, ("dreams", "fights back"), PLACES)]  # fmt: skip


def colour_of(look: str) -> str | None:
    return next((w for w in look.replace(",", " ").split() if w in GARMENT_COLOURS), None)


def test_the_circus_clown_is_not_dressed_like_the_amber_juggler() -> None:
    plan = plan_story("a circus comes to town")
    assert (colour_of(plan.hero_look), colour_of(plan.ally_look)) == ("amber", "green"), plan.ally_look


@pytest.mark.parametrize("prompt", PROMPTS)
def test_the_ally_wears_a_colour_well_apart_from_the_heros(prompt: str) -> None:
    plan = plan_story(prompt)
    hero, ally = colour_of(plan.hero_look), colour_of(plan.ally_look)
    if hero is not None and ally is not None:
        assert _hue_gap(hero, ally) >= 0.1, (prompt, plan.hero_look, plan.ally_look)


def test_every_garment_colour_is_a_known_colour_and_near_ones_are_told_apart() -> None:
    assert set(GARMENT_COLOURS) <= set(COLOURS)
    assert _hue_gap("amber", "yellow") < 0.1 and _hue_gap("crimson", "scarlet") < 0.1
    assert _hue_gap("green", "violet") > 0.3
