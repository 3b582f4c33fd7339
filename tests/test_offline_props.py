"""The offline renderer stages things and large creatures among people (#19): a hand-held thing in the hand of
whoever holds it (or on a plinth where the words set it down), a chest, statue or ship at its own size on the
ground, a large creature at one side of the people with its head in the frame, and mood words that call a figure
by its kind ("the serpent") given to that figure. Each checked on `draw_panel`'s figures metadata.
"""

import itertools
import uuid
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

from domain.panel import Panel
from domain.style import DEFAULT_STYLE
from providers.images import ReferenceImage
from providers.offline.drawing.creatures import CreatureLook, draw_creature
from providers.offline.drawing.cutout import cached_figure, sheet_look, sheet_scale
from providers.offline.drawing.lettering import lettering_font
from providers.offline.drawing.objects import ObjectLook, draw_object_view, object_kind
from providers.offline.drawing.panels import _BalloonText, draw_panel
from providers.offline.drawing.resized import sized
from providers.offline.drawing.sheets import form_noun
from providers.offline.drawing.staging import CastMember, Stage
from providers.offline.presence import cast_aliases, panel_characters
from tests.offline_cases import sheet


def panel(background: str, names: tuple[str, ...], dialogue: str = "", index: int = 3) -> Panel:
    return Panel(id=uuid.UUID(int=9), index=index, background=background, dialogue=dialogue, caption="",
                 characters=list(names))  # fmt: skip


def figures(shot: Panel, refs: list[ReferenceImage], size: tuple[int, int] = (1024, 768)) -> dict[str, Any]:
    return {f["name"]: f for f in draw_panel(shot, refs, size, False).metadata["figures"]}


def overlap(a: list[float], b: list[float]) -> float:
    """How much of box `a`'s width is across box `b`'s."""
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) / (a[2] - a[0])


PEOPLE = [sheet("Ada", "humanoid", "a courier"), sheet("Bo", "humanoid", "a sailor")]


@pytest.mark.parametrize(
    ("words", "holder"),
    [("Bo held the Marlwood Diamond up to the lamp", "Bo"), ("Ada gripped the Marlwood Diamond", "Ada"),
     ("the train rattled on", "Ada"),  # nobody holds it: the one next to it in the cast does
     ("Bo glared at Ada, who clutched the Marlwood Diamond", "Ada")],
)  # fmt: skip
def test_a_hand_held_thing_is_in_the_hand_of_the_one_who_holds_it(words: str, holder: str) -> None:
    refs = [*PEOPLE, sheet("Marlwood Diamond", "object", "a diamond as large as a hen's egg")]
    drawn = figures(panel(f"In the dining car at noon: {words}", ("Ada", "Marlwood Diamond", "Bo")), refs)
    gem, hand = drawn["Marlwood Diamond"]["box"], drawn[holder]["box"]
    tall = hand[3] - hand[1]
    assert overlap(gem, hand) > 0.3 and not any(overlap(gem, drawn[o]["box"]) for o in {"Ada", "Bo"} - {holder})
    assert hand[1] + tall * 0.35 < gem[3] < hand[3] - tall * 0.25  # at the hand, not at the feet nor in the air
    assert gem[3] - gem[1] < 0.15 * tall


def test_a_thing_the_words_set_on_a_table_stands_on_a_plinth_in_its_own_place() -> None:
    refs = [*PEOPLE, sheet("Marlwood Diamond", "object", "a diamond as large as a hen's egg")]
    shot = panel("In the dining car at noon: the Marlwood Diamond lay on a velvet cushion on the table",
                 ("Ada", "Marlwood Diamond", "Bo"))  # fmt: skip
    drawn = figures(shot, refs)
    gem = drawn["Marlwood Diamond"]["box"]
    assert not any(overlap(gem, drawn[p]["box"]) for p in ("Ada", "Bo"))
    assert 0.55 < gem[3] < 0.75  # on top of a plinth at a person's waist, not on the floor
    alone = figures(panel("In the vault at noon", ("Marlwood Diamond",)), refs)["Marlwood Diamond"]["box"]
    assert 0.55 < alone[3] < 0.75  # nobody to hold it: on a plinth too


@pytest.mark.parametrize(
    ("form", "kind", "most"),
    [("a diamond on a velvet cushion on the table", "gem", 0.14), ("a small brass key", "key", 0.14),
     ("a gold ring with a ruby", "ring", 0.1), ("a sealed letter", "letter", 0.16),
     ("a lady's pocket watch", "disc", 0.14), ("a jewelled sword", "blade", 0.42),
     ("a little music box", "chest", 0.16), ("the Brineley Pearl, a pearl as large as a hen's egg", "pearl", 0.1),
     ("a gold coin", "coin", 0.1), ("a golden crown", "crown", 0.14), ("an old treasure map", "map", 0.16),
     ("a crystal ball", "orb", 0.16), ("a white feather", "feather", 0.16), ("a speckled egg", "egg", 0.12),
     ("a bubbling green potion", "potion", 0.14)],
)  # fmt: skip
def test_a_hand_held_object_is_drawn_about_as_big_as_it_is(form: str, kind: str, most: float) -> None:
    refs = [PEOPLE[0], sheet("The Thing", "object", form)]
    assert object_kind(form, "The Thing") == kind
    assert 0 < (sheet_scale(refs[1].data) or 0) <= most
    drawn = figures(panel("In the study at noon", ("Ada", "The Thing")), refs)
    ada, thing = (drawn[n]["box"][3] - drawn[n]["box"][1] for n in ("Ada", "The Thing"))
    assert 0.03 < thing / ada <= most * 1.05  # as big as its sheet says next to a person: in a hand, not a chest


def test_a_pearl_is_a_white_sphere_and_each_small_thing_its_own_shape() -> None:
    palette = ((60, 90, 200), (200, 50, 50), (230, 190, 60))  # a blue first colour: a gem's
    masks = {k: draw_object_view(k, palette, "hero", 120) for k in ("pearl", "gem", "egg", "coin", "crown", "shell",
                                                                     "feather", "map", "orb")}  # fmt: skip
    alpha = {k: m.getchannel("A").point(lambda a: 255 if a > 128 else 0) for k, m in masks.items()}
    r, g, b = ImageStat.Stat(masks["pearl"].convert("RGB"), mask=alpha["pearl"]).median
    assert min(r, g, b) > 200 and b - r < 20  # lustre-white, not the blue of the cut diamond it was drawn as
    for one, other in itertools.combinations(alpha, 2):
        differ = ImageChops.difference(alpha[one], alpha[other]).histogram()[255]
        assert differ > 300, f"{one} and {other} have the same outline"


@pytest.mark.parametrize(
    ("name", "form", "kind"),
    [("Marlwood Diamond", "a diamond as large as a hen's egg", "gem"),
     ("The Heart of Ys", "a diamond as large as a hen's egg", "gem"),
     ("Brineley Pearl", "a pearl as large as a hen's egg", "pearl"),
     ("Golden Egg", "an egg of solid gold set with a ruby", "egg")],
)  # fmt: skip
def test_an_object_is_what_its_name_says_before_what_its_description_compares_it_to(
    name: str, form: str, kind: str
) -> None:
    assert object_kind(form, name) == kind


@pytest.mark.parametrize(
    ("beat", "present"),
    [("The velvet case was empty: the Marlwood Diamond was gone.", ["Ada Quill"]),
     ("Ada held the Marlwood Diamond up to the light.", ["Ada Quill", "Marlwood Diamond"]),
     ("Ada looked up: Bo had vanished from his seat.", ["Ada Quill"]),
     ("Bo had already gone when the Marlwood Diamond was found.", ["Ada Quill", "Marlwood Diamond"]),
     ("The case was empty: the Marlwood Diamond, a diamond the colour of deep water, set in old gold, was gone.",
      ["Ada Quill"]),
     ("Ada held the Marlwood Diamond, cold and heavy, up to the lamp.", ["Ada Quill", "Marlwood Diamond"])],
)  # fmt: skip
def test_someone_or_something_said_to_be_gone_is_not_drawn_in_the_panel(beat: str, present: list[str]) -> None:
    aliases = cast_aliases(["Ada Quill", "Bo Tarrant", "Marlwood Diamond"])
    assert panel_characters(beat, aliases, "Ada Quill") == present


@pytest.mark.parametrize(
    ("form", "kind", "scale"),
    [("an iron chest", "chest", 0.3), ("a bronze statue of the old king", "statue", 1.3),
     ("a tall ship with red sails", "ship", 2.5), ("a great oak shield", "disc", None)],
)  # fmt: skip
def test_a_thing_too_big_to_hold_stands_on_the_ground_at_its_size(form: str, kind: str, scale: float | None) -> None:
    thing = sheet("The Thing", "object", form)
    assert object_kind(form, "The Thing") == kind and sheet_scale(thing.data) == scale
    drawn = figures(panel("On the quay at noon", ("Ada", "The Thing")), [PEOPLE[0], thing])
    ada, box = drawn["Ada"]["box"], drawn["The Thing"]["box"]
    ratio = (box[3] - box[1]) / (ada[3] - ada[1])
    assert box[3] > 0.85  # on the ground, not held up
    if scale is None:
        assert 0.4 < ratio < 0.7
    elif scale < 1:
        assert 0.2 < ratio < 0.4  # a chest to the knee
    else:
        assert ratio > 1.1  # a statue over a person's head, a ship towering: not toys
        assert box[0] >= 0.0 and box[2] <= 1.0


@pytest.mark.parametrize("form", ["a sea serpent", "an old dragon with copper scales"])
@pytest.mark.parametrize(
    ("names", "speaks", "size"),
    [(("Ada", "Grisk"), False, (1024, 768)), (("Grisk", "Ada"), True, (1024, 768)),
     (("Ada", "Bo", "Grisk"), False, (1024, 768)), (("Grisk", "Ada", "Bo"), True, (768, 768)),
     (("Ada", "Grisk", "Bo"), False, (1024, 768)),
     (("Ada", "Grisk"), True, (640, 768))],
)  # fmt: skip
def test_a_large_creature_stands_at_one_side_facing_the_people_with_its_head_in_view(
    form: str, names: tuple[str, ...], speaks: bool, size: tuple[int, int]
) -> None:
    refs = [*PEOPLE, sheet("Grisk", "creature", form)]
    dialogue = "Grisk: Do not be afraid." if speaks else "Ada: Easy now."
    drawn = figures(panel("On the hilltop at dusk", names, dialogue), refs, size)  # on land: a sea serpent by the
    # sea swims, cut at the waterline (test_offline_beasts.py)
    beast = drawn["Grisk"]
    x0, y0, x1, y1 = beast["box"]
    hx, _ = beast["head"]
    people = [drawn[n]["box"] for n in names if n != "Grisk"]
    left = names.index("Grisk") < (len(names) - 1) / 2  # the side of the cast it is named on
    beside = len(people) == 1 or speaks
    # Inside the frame, head and all; only its far end (a tail) may run past the frame.
    assert x1 <= 0.99 if left else x0 >= 0.01
    assert 0.03 < hx < 0.97 and y0 > 0.05
    middles = [(p[0] + p[2]) / 2 for p in people]
    if beside:  # the line beside it, its head clear of theirs
        assert all((m > hx) == left for m in middles)  # at its side, facing them: its head toward them
        assert not any(p[0] - 0.01 < hx < p[2] + 0.01 for p in people)
    else:  # the line in front of it, its head between two of them
        assert any((m > hx) == left for m in middles)
        assert not any(p[0] + (p[2] - p[0]) * 0.2 < hx < p[2] - (p[2] - p[0]) * 0.2 for p in people)
    tallest = max(p[3] - p[1] for p in people) * size[1]
    assert max((x1 - x0) * size[0], (y1 - y0) * size[1]) > 1.2 * tallest  # still bigger than them (a serpent: longer)
    if beside and size[0] > size[1]:  # and taller, at its sheet's scale (a serpent's 2.4, drawn at most 1.7)
        assert (y1 - y0) * size[1] > 1.35 * tallest


def test_a_large_creature_among_many_shows_its_head_between_them() -> None:
    refs = [*PEOPLE, sheet("Cy", "humanoid", "a cook"), sheet("Grisk", "creature", "a sea serpent")]
    drawn = figures(panel("In the town square at dusk", ("Ada", "Bo", "Grisk", "Cy"), "Bo: He will be back."), refs)
    hx, hy = drawn["Grisk"]["head"]
    for name in ("Ada", "Bo", "Cy"):
        x0, y0, x1, _ = drawn[name]["box"]
        assert not (x0 + (x1 - x0) * 0.2 < hx < x1 - (x1 - x0) * 0.2), (name, hx)  # not hidden behind a face
        assert hy < y0  # at its scale its head rises over theirs


@pytest.mark.parametrize(
    ("words", "who", "expected"),
    [(" (angry): Joryric wept while the serpent watched calmly", "Grisk", "sheet"),  # its own face, not the mood's
     (": the serpent snarled while Joryric waited", "Joryric", "smile"),  # the snarl is the serpent's
     (": the serpent snarled while Joryric waited", "Grisk", "roar"),
     (": the beast wept and Joryric laughed", "Grisk", "sad"),
     (": the robot glared while Joryric waited", "Joryric", "smile"),
     (": the robot glared while Joryric waited", "Rivet", "scowl"),
     (": the keeper wept while the serpent waited", "Grisk", "sheet"),  # the keeper's tears are Joryric's
     (": the keeper wept while the serpent waited", "Joryric", "sad")],
)  # fmt: skip
def test_words_that_call_a_figure_by_its_kind_are_that_figures(words: str, who: str, expected: str) -> None:
    refs = [sheet("Joryric", "humanoid", "a lighthouse keeper"), sheet("Grisk", "creature", "a sea serpent"),
            sheet("Rivet", "humanoid", "a rusty robot")]  # fmt: skip
    shot = panel(f"In the cove at dusk{words}", ("Joryric", "Grisk", "Rivet"))
    assert figures(shot, refs)[who]["expression"] == expected


@pytest.mark.parametrize(
    ("form", "noun"),
    [("a stubborn lighthouse keeper in an amber quilted waistcoat", "keeper"), ("a cheerful chef", "chef"),
     ("an iron-fisted lady of the high passes", "lady"), ("a sharp-eyed kitchen hand in a green jacket", ""),
     ("", ""), ("a man, old and tired", "man")],
)  # fmt: skip
def test_a_person_is_called_by_its_forms_noun(form: str, noun: str) -> None:
    assert form_noun(form) == noun


@pytest.mark.parametrize("lines", [1, 2, 3])
def test_a_tall_hats_crown_stays_under_the_balloon_and_inside_its_box(lines: int) -> None:
    refs = [sheet("Ada", "humanoid", "a courier"), sheet("Bo", "humanoid", "an old wizard")]
    words = " ".join(["We must cross the bay before the tide turns and the fog comes in."] * lines)
    shot = panel("On the quay at noon", ("Ada", "Bo"), f"Ada: {words}", index=2)
    bare = {f["name"]: f["box"] for f in draw_panel(shot, refs, (1024, 768), False).metadata["figures"]}
    ada, bo = (bare[n][3] - bare[n][1] for n in ("Ada", "Bo"))
    assert bo > 1.1 * ada  # the box holds the hat, so the page's lettering keeps clear of it too
    lettered = {f["name"]: f["box"] for f in draw_panel(shot, refs, (1024, 768)).metadata["figures"]}
    assert lettered["Bo"][1] * 768 > 22 + _BalloonText.fit(words, 1024, 768).height  # below the balloon's oval


def test_a_thing_raised_in_a_cheer_is_up_in_the_hand_and_a_fallen_figure_stays_in_the_frame() -> None:
    refs = [*PEOPLE, sheet("Sword", "object", "a jewelled sword")]
    drawn = figures(panel("On the quay at noon: Ada raised the Sword and cheered", ("Ada", "Sword", "Bo")), refs)
    ada, sword = drawn["Ada"]["box"], drawn["Sword"]["box"]
    assert drawn["Ada"]["pose"] == "celebrate" and sword[3] < ada[1] + (ada[3] - ada[1]) * 0.4  # held up high
    assert overlap(sword, ada) > 0.2
    fallen = figures(panel("On the quay at noon: Bo fell", ("Bo", "Ada", "Sword")), refs)
    assert fallen["Bo"]["pose"] == "fall" and fallen["Bo"]["box"][0] > 0.01  # lying in its place, not cut off


def test_a_large_creature_knocked_down_sinks_low_instead_of_standing_on_its_end() -> None:
    refs = [PEOPLE[0], sheet("Grisk", "creature", "an old dragon with copper scales")]
    boxes = {}
    for words in ("Grisk waited", "Grisk fell"):
        drawn = figures(panel(f"On the cliff at dusk: {words}", ("Ada", "Grisk")), refs)["Grisk"]
        x0, y0, x1, y1 = drawn["box"]
        boxes[drawn["pose"]] = ((x1 - x0) * 1024, (y1 - y0) * 768)
    assert set(boxes) == {"stand", "fall"}
    assert boxes["fall"][0] > boxes["fall"][1] and boxes["fall"][1] < 1.2 * boxes["stand"][1]  # side-on, not on end


def test_two_large_creatures_stand_at_either_side_of_the_people_facing_them() -> None:
    refs = [*PEOPLE, sheet("Grisk", "creature", "an old dragon with copper scales"),
            sheet("Nessa", "creature", "a sea serpent")]  # fmt: skip
    drawn = figures(panel("On the hilltop at dusk", ("Grisk", "Ada", "Nessa"), "Ada: Look at them!"), refs)
    ada = drawn["Ada"]["box"]
    assert drawn["Grisk"]["head"][0] < ada[0] and ada[2] < drawn["Nessa"]["head"][0]
    for name in ("Grisk", "Nessa"):  # both at their scale in the room there is: taller than the person between
        box = drawn[name]["box"]
        assert box[3] - box[1] > 1.25 * (ada[3] - ada[1]) and box[1] > 0.05, name


@pytest.mark.parametrize(
    ("form", "kind", "wings", "upright"),
    [("a stubborn unicorn with fur as white as frost", "horse", False, False),
     ("a winged pegasus with a silver-grey coat", "horse", True, False),
     ("a careful centaur", "centaur", False, False), ("a cheerful mermaid with scales like storm-glass", "merfolk",
     False, True), ("a penguin in the snow", "penguin", False, True), ("a quiet kraken", "octopus", False, False),
     ("a curious troll with a brow like a cliff edge", "biped", False, True), ("a restless ghost", "ghost", False,
     True), ("a lonely dinosaur with copper scales", "reptile", False, False),
     ("an old dragon with copper scales", "dragon", True, False), ("a cheerful griffin", "griffin", True, False),
     ("a careful turtle", "turtle", False, False), ("a quiet frog", "frog", False, False)],
)  # fmt: skip
def test_each_creature_is_drawn_by_its_own_body_plan(form: str, kind: str, wings: bool, upright: bool) -> None:
    look = sheet_look(sheet("Kit", "creature", form).data)
    assert isinstance(look, CreatureLook) and (look.kind, look.wings) == (kind, wings)
    side, _ = draw_creature(look, 200)
    x0, y0, x1, y1 = side.getchannel("A").getbbox() or (0, 0, 0, 0)
    assert (y1 - y0 > x1 - x0) == upright  # a penguin, a mermaid, a giant stand up; a horse, an octopus spread
    if kind in ("horse", "dragon", "griffin"):  # wings rise over its back (a unicorn has none)
        back = side.getchannel("A").crop((60, 0, 180, 50)).getbbox()
        assert (back is not None) == wings


@pytest.mark.parametrize("names", [("Bo", "Ada", "Grisk"), ("Grisk", "Ada", "Bo"), ("Bo", "Grisk", "Ada")])
def test_a_large_creatures_face_is_clear_of_a_fist_raised_in_a_fight(names: tuple[str, ...]) -> None:
    refs = [*PEOPLE, sheet("Grisk", "creature", "an old dragon with copper scales")]
    shot = panel("In the fortress at night: Bo fought Ada", names, "Bo: Did you think you could stop me?")
    art = draw_panel(shot, refs, (1024, 768), False)
    drawn = {f["name"]: f for f in art.metadata["figures"]}
    assert drawn["Bo"]["pose"] == "fight"
    hx, hy = (v * side for v, side in zip(drawn["Grisk"]["head"], (1024, 768), strict=True))
    for name in ("Bo", "Ada"):  # no one's box reaches over the middle of its face
        x0, y0, x1, y1 = (v * side for v, side in zip(drawn[name]["box"], (1024, 768, 1024, 768), strict=True))
        assert not (x0 - 12 < hx < x1 + 12 and y0 < hy < y1), name


def test_a_statue_enlarged_past_its_sheets_cut_out_is_drawn_again_as_crisp() -> None:
    ref = sheet("Deepfall", "object", "a golden statue with a faint silver glow")
    look, cut = sheet_look(ref.data), cached_figure(ref.data)
    assert isinstance(look, ObjectLook) and look.kind == "statue"
    member = CastMember("Deepfall", cut, "object", 1.3, look, source=ref.data)
    Stage(Image.new("RGB", (1024, 768)), DEFAULT_STYLE, 60, 3)._stand(member, cut.height * 2, 2000, 500, 740, None)
    soft = sized(cut, False, cut.height * 2, 2000)
    assert abs(member.figure.height - soft.height) <= 0.03 * soft.height  # as big as the cut-out enlarged

    def rim(figure: Image.Image) -> float:  # the half-transparent edge over the opaque figure: wide when soft
        alpha = figure.getchannel("A").histogram()
        return sum(alpha[1:255]) / max(1, alpha[255])

    assert rim(member.figure) < 0.75 * rim(soft)


@pytest.mark.parametrize(
    "names",
    [("Grisk the Old", "Bo", "Brineley Pearl", "Ada"), ("Bo", "Grisk the Old", "Ada", "Brineley Pearl"),
     ("Ada", "Brineley Pearl", "Grisk the Old", "Bo")],
)  # fmt: skip
def test_name_tags_in_a_row_stay_apart(names: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    refs = [*PEOPLE, sheet("Brineley Pearl", "object", "a pearl as large as a hen's egg"),
            sheet("Grisk the Old", "creature", "a sea serpent")]  # fmt: skip
    tags: list[tuple[str, float, float, int]] = []  # name, left, right, row
    draw_tag = Stage._name_tag

    def spy(stage: Stage, name: str, centre: tuple[int, int]) -> None:
        font, shown = lettering_font(name, 17)
        half = (font.getlength(shown) + 18) / 2
        tags.append((name, centre[0] - half, centre[0] + half, centre[1]))
        draw_tag(stage, name, centre)

    monkeypatch.setattr(Stage, "_name_tag", spy)
    draw_panel(panel("On the quay at dusk: Ada held up the pearl", names, "Ada: Look!"), refs, (1024, 768))
    assert sorted(t[0] for t in tags) == sorted(names)
    for (a, a0, a1, row_a), (b, b0, b1, row_b) in itertools.combinations(tags, 2):
        assert row_a != row_b or a1 <= b0 or b1 <= a0, (a, b)  # the held thing's and the serpent's too
    assert all(0 < left and right < 1024 for _, left, right, _ in tags)


@pytest.mark.parametrize(
    ("form", "held"),
    [("a cheerful mermaid with scales like storm-glass", True), ("a careful centaur", True),
     ("a lonely fox", False)],  # a fox has no hand: the pearl stands on a plinth
)  # fmt: skip
def test_a_creature_with_a_persons_arms_holds_a_thing_in_its_hand(form: str, held: bool) -> None:
    refs = [sheet("Kit", "creature", form), sheet("Brineley Pearl", "object", "a pearl as large as a hen's egg")]
    drawn = figures(panel("On the reef at dawn: Kit searched the sea", ("Kit", "Brineley Pearl")), refs)
    pearl, kit = drawn["Brineley Pearl"]["box"], drawn["Kit"]["box"]
    assert (overlap(pearl, kit) > 0.5 and kit[1] < pearl[1] < (kit[1] + kit[3]) / 2) == held  # up in its hand


_BEASTS: dict[str, tuple[str, str]] = {  # form: (body plan, species)
    "a sly red fox": ("quadruped", "fox"), "a grey wolf": ("quadruped", "wolf"), "a black cat": ("quadruped", "cat"),
    "a brown bear": ("quadruped", "bear"), "a loyal old dog": ("quadruped", "dog"), "a blue whale": ("fish", "whale"),
    "a great white shark": ("fish", "shark"), "a goldfish": ("fish", ""), "a tiger": ("quadruped", "tiger"),
    "a white rabbit": ("quadruped", "rabbit"), "a proud lion": ("quadruped", "lion"),
    "an old elephant": ("quadruped", "elephant"), "a proud stag": ("quadruped", "deer"),
}  # fmt: skip


def _beast(form: str) -> tuple[CreatureLook, Image.Image]:
    look = sheet_look(sheet("Kit", "creature", form).data)
    assert isinstance(look, CreatureLook)
    return look, draw_creature(look, 200)[0]


def test_each_beast_is_drawn_as_its_own_species() -> None:
    drawn = {form: _beast(form) for form in _BEASTS}
    assert {form: (look.kind, look.species) for form, (look, _) in drawn.items()} == _BEASTS
    alpha = {form: side.getchannel("A").point(lambda a: 255 if a > 128 else 0) for form, (_, side) in drawn.items()}
    for one, other in itertools.combinations(alpha, 2):  # no longer one generic body (it was, pixel for pixel)
        assert ImageChops.difference(alpha[one], alpha[other]).histogram()[255] > 1500, (one, other)
    tips = {form: side.crop((0, 0, 50, 200)) for form, (_, side) in drawn.items()}
    assert count_white(tips["a sly red fox"]) > 60 and count_white(tips["a grey wolf"]) < 10  # the fox's white tip
    whale, fish = (sheet_scale(sheet("Kit", "creature", f).data) or 0 for f in ("a blue whale", "a goldfish"))
    assert whale > 2 * fish  # a whale's huge body


def count_white(image: Image.Image) -> int:
    """Opaque pure-white pixels."""
    grey = image.convert("L").point(lambda v: 255 if v > 250 else 0)
    return ImageChops.multiply(grey, image.getchannel("A").point(lambda a: 255 if a > 250 else 0)).histogram()[255]


@pytest.mark.parametrize("form", ["a cheerful mermaid", "a careful centaur"])
def test_a_person_on_a_beasts_body_has_eyes_and_a_mouth_that_take_the_mood(form: str) -> None:
    look = sheet_look(sheet("Kit", "creature", form).data)
    assert isinstance(look, CreatureLook)
    heads = {}
    for mood in ("sheet", "happy", "sad", "shock"):
        side, box = draw_creature(look, 400, mood)
        heads[mood] = side.crop(box)
    assert count_white(heads["sheet"]) > 20  # an eye's white, readable at page size (it was a dot)
    for one, other in itertools.combinations(heads, 2):  # each mood its own face
        diff = ImageChops.difference(heads[one].convert("L"), heads[other].convert("L"))
        assert diff.point(lambda v: 255 if v > 60 else 0).histogram()[255] > 30, (one, other)
