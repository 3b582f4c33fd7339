"""The renderer's keyword and colour tables (data/looks.toml, data/scenes.toml), typed for the drawing code."""

from typing import Any

from providers.offline.data import load
from providers.offline.drawing.colour import RGB

_LOOKS = load("looks")
_SCENES = load("scenes")


def _keywords(table: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(words) for key, words in table.items()}


def _rgb(value: list[int]) -> RGB:
    return (value[0], value[1], value[2])


SKIN_TONES: tuple[RGB, ...] = tuple(_rgb(c) for c in _LOOKS["skin_tones"])
MATERIALS: tuple[str, ...] = tuple(_LOOKS["materials"])
HATS = _keywords(_LOOKS["hats"])
PROPS = _keywords(_LOOKS["props"])
CREATURE_KINDS = _keywords(_LOOKS["creature_kinds"])
MOTIFS = _keywords(_LOOKS["motifs"])
OBJECT_KINDS = _keywords(_LOOKS["object_kinds"])
OBJECT_FAMILY: dict[str, str] = dict(_LOOKS["object_family"])
HAND_HELD: tuple[str, ...] = tuple(_LOOKS["object_sizes"]["hand-held"])
# Lathe profiles: (height from the base, radius, palette slot of the band up to the next point; -1 = glowing glass).
LATHE: dict[str, list[tuple[float, float, int]]] = {
    kind: [(h, r, slot) for h, r, slot in profile] for kind, profile in _LOOKS["lathe"].items()
}

TIMES = _keywords(_SCENES["times"])
MOOD_TIMES = _keywords(_SCENES["mood_times"])
WEATHER = _keywords(_SCENES["weather"])
BUILDINGS: tuple[str, ...] = tuple(_SCENES["buildings"]["words"])
# Inside a civic building is a room: "in the cathedral" is named before the city's "cathedral" (the setting named
# first is drawn), "on the cathedral steps" is not.
SETTINGS = _keywords(_SCENES["settings"]) | {
    "interior": (
        *_SCENES["settings"]["interior"],
        *(f"{at} {building}" for at in ("in the", "inside the", "into the", "in a") for building in BUILDINGS),
    )
}
SETTING_HINTS = _keywords(_SCENES["setting_hints"])
FEATURES = _keywords(_SCENES["features"])
CARRIAGES = _keywords(_SCENES["carriages"])
TRAIN_OUTSIDE: tuple[str, ...] = tuple(_SCENES["train_outside"]["words"])
SKIES: dict[str, tuple[RGB, RGB, RGB]] = {k: (_rgb(a), _rgb(b), _rgb(c)) for k, (a, b, c) in _SCENES["skies"].items()}
MARS_SKIES: dict[str, tuple[RGB, RGB, RGB]] = {
    k: (_rgb(a), _rgb(b), _rgb(c)) for k, (a, b, c) in _SCENES["mars_skies"].items()
}
# brightness, tint colour, tint strength
LIGHT: dict[str, tuple[float, RGB, float]] = {
    k: (float(b), _rgb(t), float(a)) for k, (b, t, a) in _SCENES["light"].items()
}
