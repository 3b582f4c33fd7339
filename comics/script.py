"""A panel's dialogue text read as lettering: who speaks, thinks or narrates, and where the speaker stands.

One line per balloon: `Mira: Hold the light!` is speech pointing at Mira, `Mira (thinks): ...` a thought,
`Narrator: ...` or `Caption: ...` a caption, `SFX: KRAKOOM` a sound effect, and a line credited to nobody in
the panel a caption (the storytellers write narration that way).
"""

import re

from comics.lettering import Balloon, BalloonKind, PanelLettering
from domain.names import slugify
from domain.panel import Panel

_CREDIT = re.compile(r"^\s*(?P<name>[^:\n]{1,60}?)\s*(?:\((?P<how>[^)]{1,20})\))?\s*:\s*(?P<words>\S.*)$")
_NARRATION = {"narrator", "narration", "caption"}
_SOUND = {"sfx", "sound", "fx"}
_THINKING = {"thinks", "thinking", "thought"}
# Where the top of a standing figure's head is, down the art: the offline renderer stands figures up to 0.64 of
# the panel tall on a floor at 0.9; other image models compose freely, so it is a guess there.
HEAD_TOP = 0.27


def speaker_positions(names: list[str]) -> dict[str, float]:
    """Where each of the panel's characters stands across the art, 0..1, by their order.

    Evenly spaced with a small side margin, as the offline renderer stands its figures; for other image models
    this is a guess (they are asked for the characters in this order, left to right).
    """
    count = len(names)
    positions: dict[str, float] = {}
    for i, name in enumerate(names):
        positions.setdefault(name, 0.04 + 0.92 * (i + 0.5) / count)
    return positions


def _match(name: str, cast: list[str]) -> str | None:
    wanted = slugify(name)
    for member in cast:
        slug = slugify(member)
        if wanted and (wanted == slug or wanted in slug.split("-")):
            return member
    return None


def balloon_for_line(line: str, cast: list[str]) -> Balloon | None:
    """The balloon one line of dialogue makes, given the panel's characters; None for a blank line."""
    text = line.strip()
    if not text:
        return None
    positions = speaker_positions(cast)
    credit = _CREDIT.match(text)
    if credit is None:
        return Balloon(kind="caption", text=text)
    name, how, words = credit["name"], (credit["how"] or "").strip().lower(), credit["words"].strip()
    if slugify(name) in _NARRATION:
        return Balloon(kind="caption", text=words)
    if slugify(name) in _SOUND:
        return Balloon(kind="sfx", text=words)
    member = _match(name, cast)
    if member is None:
        return Balloon(kind="caption", text=text)
    kind: BalloonKind = "thought" if how in _THINKING else "speech"
    return Balloon(kind=kind, text=words, speaker_x=positions[member], speaker_y=HEAD_TOP)


def lettering_for_panel(panel: Panel, display_width: int | None = None) -> PanelLettering:
    """The panel's dialogue as lettering, one balloon per line, for art shown `display_width` pixels wide."""
    balloons = [b for line in panel.dialogue.splitlines() if (b := balloon_for_line(line, panel.characters))]
    return PanelLettering(balloons=balloons, display_width=display_width)
