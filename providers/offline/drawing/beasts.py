"""What tells one four-legged beast (a fox, wolf, bear, cat, tiger or dog) from another, and a whale or a shark from
a fish: a species from the profile's words, its height beside a person, and its head, tail and build (creatures.py
draws the rest of the beast, in the same figure units; farm_beasts.py a lion's, goat's, boar's and bull's head and
tail; small_beasts.py the rabbit, mouse and monkey whole)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

from providers.offline.drawing import farm_beasts
from providers.offline.drawing.bodies import HeadBox, eye, mouth
from providers.offline.drawing.colour import INK, WHITE, darker, lighter
from providers.offline.drawing.pen import Pen, has_any, smooth_path, star_points

if TYPE_CHECKING:
    from providers.offline.drawing.creatures import CreatureLook

# A species by the profile's words, first match winning ("a werewolf" is a wolf, "a sea lion" a seal).
_SPECIES: Final = {
    "whale": ("whale", "orca", "humpback", "cachalot"),
    "shark": ("shark",),
    "dolphin": ("dolphin", "porpoise"),
    "seal": ("seal", "walrus"),
    "fox": ("fox", "vixen"),
    "wolf": ("wolf", "werewolf", "wolves", "coyote", "jackal"),
    "bear": ("bear", "grizzly", "panda"),
    "lion": ("lion", "lioness", "lion cub"),
    "tiger": ("tiger", "tigress"),
    "cat": ("cat", "kitten", "kitty", "panther", "leopard", "lynx", "cheetah", "jaguar", "puma", "tomcat"),
    "rabbit": ("rabbit", "bunny", "hare", "jackrabbit"),
    "mouse": ("mouse", "mice", "rat", "dormouse", "hamster", "vole", "shrew", "gerbil"),
    "monkey": ("monkey", "chimp", "chimpanzee", "baboon", "lemur", "macaque", "marmoset"),
    "goat": ("goat", "billy goat", "nanny goat", "ibex"),
    "boar": ("boar", "warthog", "wild pig", "wild hog"),
    "pig": ("pig", "piglet", "hog", "swine", "sow", "porker"),
    "sheep": ("sheep", "lamb", "ewe", "ram", "mutton"),
    "bull": ("bull", "ox", "oxen", "cow", "bison", "buffalo", "yak", "calf"),
    "elephant": ("elephant", "mammoth", "pachyderm"),
    "deer": ("deer", "stag", "reindeer", "elk", "moose", "doe", "fawn", "antelope", "caribou"),
    "dog": ("dog", "hound", "puppy", "terrier", "spaniel", "poodle", "mutt", "collie", "beagle"),
    "crab": ("crab", "lobster", "crayfish"),
    "owl": ("owl", "owlet"),
    "swan": ("swan", "cygnet", "goose", "geese", "gander", "gosling"),
    "snake": ("snake", "viper", "cobra", "python", "adder", "rattlesnake", "asp"),
    # Insects on six legs, each its own way (insects.py): a ladybird's spotted dome, an ant's waist, a bee's stripes.
    "ladybird": ("ladybird", "ladybug", "ladybirds", "ladybugs"),
    "ant": ("ant", "termite"),
    "bee": ("bee", "bumblebee", "wasp", "hornet"),
    "butterfly": ("butterfly", "butterflies", "moth"),
    "beetle": ("beetle", "scarab", "weevil", "firefly", "insect"),
}
# The kinds each species is drawn for: a beast's species on four legs, a whale's, shark's, dolphin's or seal's on a
# fish's plan (they swim), a snake's a serpent's, an owl's and a swan's a bird's, a crab on one of its own, an
# insect's on six legs.
_PLANS: Final = {"whale": "fish", "shark": "fish", "dolphin": "fish", "seal": "fish", "crab": "crab",
                 "snake": "serpent", "owl": "bird", "swan": "bird", "ladybird": "insect", "ant": "insect",
                 "bee": "insect", "butterfly": "insect", "beetle": "insect"}  # fmt: skip
# Creatures no kind and no species names, drawn on the plan nearest theirs (not one picked from the name's hash: a
# duck drawn as a dragon).
_NEAREST: Final = {
    "bird": ("chicken", "hen", "rooster", "chick", "duck", "duckling", "pigeon", "turkey", "bat"),
    "quadruped": ("badger", "otter", "squirrel", "hedgehog", "camel", "beaver", "raccoon", "weasel",
                  "ferret", "skunk", "llama", "mole", "hippo", "hippopotamus", "rhino", "rhinoceros",
                  "giraffe", "kangaroo", "koala", "sloth"),
    "horse": ("donkey", "mule", "zebra"),
    "spider": ("scorpion",),
    "octopus": ("jellyfish",),
    # Small folk of a person's shape (sheets.py sizes them): on two legs, not a serpent or a dragon by the dice.
    "biped": ("imp", "gnome", "dwarf", "elf", "leprechaun", "brownie", "hobgoblin", "orc"),
}  # fmt: skip


def species_of(kind: str, text: str) -> str:
    """The species the words name for a creature of body plan `kind`, or "" (drawn as its plan's generic one)."""
    found = named_species(text)
    return found if _PLANS.get(found, "quadruped") == kind else ""


def named_species(text: str) -> str:
    """The species the words name, whatever the body plan, or "" ("a sea lion" is a seal, no lion)."""
    text = text.replace("sea lion", "seal").replace("mountain lion", "puma")
    return next((s for s, words in _SPECIES.items() if has_any(text, words)), "")


def species_plan(text: str) -> str | None:
    """The body plan of the species the words name (a rat's, a pig's: four legs; a crab's its own), else of the
    creature they name nearest (a duck's a bird's), None if they name none."""
    found = named_species(text)
    if found:
        return _PLANS.get(found, "quadruped")
    return next((plan for plan, words in _NEAREST.items() if has_any(text, words)), None)


# A species' height over a person's where it is not its body plan's (a whale dwarfs a boat, a bull stands taller
# than a person, a cat is knee-high, a mouse ankle-high).
SCALES: Final = {"whale": 2.2, "shark": 1.0, "bear": 1.1, "tiger": 0.9, "cat": 0.35, "fox": 0.45, "dog": 0.55,
                 "rabbit": 0.3, "elephant": 1.6, "deer": 0.9, "lion": 0.85, "goat": 0.6, "boar": 0.55, "bull": 1.3,
                 "pig": 0.5, "sheep": 0.6, "mouse": 0.12, "monkey": 0.5, "crab": 0.18, "snake": 0.35, "owl": 0.35,
                 "swan": 0.5, "dolphin": 0.7, "seal": 0.5, "ladybird": 0.1, "ant": 0.1, "bee": 0.1, "beetle": 0.12,
                 "butterfly": 0.16}  # fmt: skip


# A species' build: its body's unit box and a standing leg's half width (a bear heavy, a cat slight).
BUILDS: Final = {
    "bear": ((32, 30, 122, 76), 6.5),
    "cat": ((40, 40, 114, 68), 3.4),
    "fox": ((40, 38, 116, 68), 3.6),
    "tiger": ((36, 34, 120, 72), 5.0),
    "elephant": ((30, 20, 124, 76), 8.0),
    "deer": ((40, 36, 114, 64), 3.0),
    **farm_beasts.BUILDS,
}


def tail(pen: Pen, look: CreatureLook, moving: bool) -> bool:
    """The species' own tail (False for a beast without one here): a fox's bushy with a white tip, a wolf's bushy
    and hanging, a dog's curled up, a cat's upright with a hook, a bear's a stub."""
    species = "cat" if look.species == "tiger" else look.species
    if species in farm_beasts.BUILDS:
        return farm_beasts.tail(pen, look, moving)
    if species in ("bear", "deer"):  # a stub, a deer's a white flag
        pen.circle(34 if species != "deer" else 40, 46 if species != "deer" else 40, 5 if species == "bear" else 6,
                   look.body if species == "bear" else WHITE)  # fmt: skip
        return True
    if species == "elephant":  # a thin rope of a tail with a tuft
        pen.line([(32, 40), (24, 56), (24, 66)], 1.6, look.body)
        pen.poly([(21, 64), (24, 74), (27, 64)], darker(look.body, 0.35))
        return True
    shapes = {"fox": [(44, 52), (28, 58), (14, 60), (2, 52)], "wolf": [(42, 50), (32, 58), (27, 72), (25, 84)],
              "dog": [(42, 48), (32, 42), (27, 30), (31, 18)],
              "cat": [(42, 48), (34, 36), (32, 20), (35, 8), (42, 5)]}  # fmt: skip
    if species not in shapes:
        return False
    path = smooth_path([(44, 50), (30, 47), (18, 45), (4, 40)] if moving else shapes[species], 8)
    n = len(path)
    if species in ("fox", "wolf"):  # thick in the middle
        radii = [2.5 + (6.5 if species == "fox" else 5) * math.sin(math.pi * (0.15 + 0.8 * i / n)) for i in range(n)]
        pen.tube(path, radii, look.body)
        tip = WHITE if species == "fox" else darker(look.body, 0.35)
        pen.tube(path[-5:], [r * 0.85 for r in radii[-5:]], tip)
    else:
        pen.tube(path, [3.0 if species == "dog" else 2.4] * n, look.body)
    if look.species == "tiger":  # its tail banded like its coat
        for x, y in path[4::5]:
            pen.circle(x, y, 2.6, INK, ink=False)
    return True


def head(pen: Pen, look: CreatureLook, mood: str) -> HeadBox:
    """The species' head on the beast's neck, facing right (its neck drawn too)."""
    x, y = 106.0, 14.0
    species = "cat" if look.species == "tiger" else look.species
    if species in farm_beasts.BUILDS:
        return farm_beasts.head(pen, look, mood)
    if species == "elephant":
        return _elephant_head(pen, look, mood)
    neck = [(100, 40), (110, 28), (126, 36), (118, 60)] if species == "bear" else [(100, 42), (112, 30), (124, 36),
                                                                                   (116, 58)]  # fmt: skip
    pen.poly(neck, look.body)
    if species == "deer":  # branching antlers
        antler = (206, 176, 128)
        for bx in (x + 8, x + 16):
            pen.line([(bx, y + 4), (bx - 4, y - 10), (bx - 10, y - 16)], 1.6, antler)
            pen.line([(bx - 4, y - 10), (bx + 2, y - 18)], 1.4, antler)
            pen.line([(bx - 7, y - 13), (bx - 4, y - 20)], 1.2, antler)
    elif look.horns:  # a horned beast's (a demon hound's)
        pen.poly([(x + 14, y + 4), (x + 18, y - 10), (x + 20, y + 4)], lighter(look.accent, 0.3))
    if look.species == "tiger":  # dark stripes down its flank and neck
        for sx in (48, 60, 72, 84, 96, 108):
            pen.poly([(sx, 36 + (sx - 78) ** 2 / 90), (sx + 5, 37 + (sx - 78) ** 2 / 90), (sx + 1, 54)], INK, ink=False)
    if species == "wolf":  # a ruff of fur about the neck
        pen.poly(star_points(x + 8, y + 22, 16, 11, 9), darker(look.body, 0.12))
    if species == "bear":
        for cx, cy in ((x + 4, y + 2), (x + 15, y - 1)):  # round ears
            pen.circle(cx, cy, 5.5, look.body)
            pen.circle(cx, cy, 2.8, darker(look.body, 0.3), ink=False)
        pen.ellipse(x - 4, y, x + 32, y + 32, look.body)
        pen.ellipse(x + 20, y + 12, x + 44, y + 30, look.belly)
        pen.ellipse(x + 37, y + 12, x + 45, y + 18, INK, ink=False)
        eye(pen, look, x + 18, y + 10, 2.6, mood)
        mouth(pen, mood, x + 28, y + 24, 14)
        return (x - 8, y - 8, x + 48, y + 34)
    if species == "cat":
        for tip in ((x + 6, y - 8), (x + 21, y - 8)):  # tall pointed ears
            pen.poly([(tip[0] - 5, y + 8), tip, (tip[0] + 5, y + 6)], look.body)
            pen.poly([(tip[0] - 2.5, y + 6), (tip[0], y - 3), (tip[0] + 2.5, y + 5)], look.accent, ink=False)
        pen.ellipse(x, y + 2, x + 28, y + 28, look.body)
        pen.ellipse(x + 18, y + 14, x + 33, y + 26, look.belly)
        pen.poly([(x + 29, y + 14), (x + 34, y + 14), (x + 32, y + 18)], (230, 130, 150))  # a pink nose
        for dy in (-3, 1, 5):  # whiskers
            pen.line([(x + 30, y + 20), (x + 46, y + 18 + dy)], 0.4)
        eye(pen, look, x + 19, y + 11, 3.6, mood)
        mouth(pen, mood, x + 26, y + 22, 10)
        return (x - 4, y - 10, x + 46, y + 30)
    if species in ("fox", "wolf", "deer"):  # pointed ears, a long tapering snout (a deer's shorter)
        ear = {"fox": 13, "wolf": 9}.get(species, 8)
        pen.poly([(x + 3, y + 8), (x + 6, y - ear), (x + 16, y + 4)], look.body)
        pen.poly([(x + 6.5, y + 5), (x + 7.5, y - ear + 6), (x + 12.5, y + 4)], look.accent, ink=False)
        pen.ellipse(x, y + 2, x + 28, y + 28, look.body)
        reach = {"fox": 50, "wolf": 56}.get(species, 44)
        pen.poly([(x + 16, y + 6), (x + reach, y + 17), (x + reach - 1, y + 23), (x + 16, y + 28)], look.body)
        pen.poly([(x + 18, y + 21), (x + reach - 4, y + 22), (x + 18, y + 28)], WHITE if species == "fox" else
                 look.belly, ink=False)  # fmt: skip
        pen.circle(x + reach - 1, y + 18.5, 2.8, INK, ink=False)
        eye(pen, look, x + 19, y + 10, 3, mood)
        mouth(pen, mood, x + 30, y + 23, 16)
        return (x - 4, y - ear - 4, x + reach + 4, y + 32)
    # a dog: drooping ears, a broad muzzle and a big nose, a collar
    pen.ellipse(x, y, x + 30, y + 26, look.body)
    pen.ellipse(x + 20, y + 9, x + 43, y + 27, look.belly)
    pen.ellipse(x + 37, y + 9, x + 45, y + 16, INK, ink=False)
    pen.ellipse(x + 2, y + 1, x + 13, y + 26, darker(look.body, 0.25))  # the near ear, hanging
    pen.line([(102, 44), (116, 38)], 2.4, look.accent)  # the collar and its tag
    pen.circle(110, 45, 2.4, (236, 188, 72))
    eye(pen, look, x + 21, y + 9, 3.2, mood)
    mouth(pen, mood, x + 28, y + 20, 15)
    return (x - 6, y - 6, x + 48, y + 32)


def _elephant_head(pen: Pen, look: CreatureLook, mood: str) -> HeadBox:
    """A great domed head low on the body, a wide ear over it, a tusk and a trunk hanging to the ground."""
    x, y = 106.0, 14.0
    trunk = smooth_path([(x + 22, y + 30), (x + 32, y + 44), (x + 34, y + 62), (x + 40, y + 72)], 8)
    pen.tube(trunk, [6 - 3 * i / (len(trunk) - 1) for i in range(len(trunk))], look.body)
    pen.ellipse(x - 10, y + 2, x + 28, y + 42, look.body)
    pen.poly([(x + 16, y + 36), (x + 34, y + 44), (x + 18, y + 42)], (250, 246, 232))  # the tusk
    pen.ellipse(x - 12, y + 4, x + 10, y + 44, darker(look.body, 0.15))  # the ear
    pen.arc(x - 8, y + 10, x + 6, y + 38, 240, 60, 0.6)
    eye(pen, look, x + 16, y + 18, 2.6, mood)
    mouth(pen, mood, x + 12, y + 38, 8)
    return (x - 14, y, x + 36, y + 50)


def whale(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A whale: a huge blunt body tapering to a broad fluke, a pale grooved throat, a blowhole spouting."""
    pen.poly([(34, 52), (12, 36), (2, 40), (20, 55), (2, 70), (12, 74), (34, 58)], look.body)  # the fluke
    top = [(34 + 120 * t, 52 - 32 * math.sin(math.pi * min(1.0, t * 0.75 + 0.05)) ** 0.6) for t in
           (i / 16 for i in range(17))]  # fmt: skip
    bottom = [(34 + 120 * t, 56 + 26 * math.sin(math.pi * min(1.0, t * 0.7 + 0.1)) ** 0.7) for t in
              (i / 16 for i in range(16, -1, -1))]  # fmt: skip
    pen.poly([*top, (158, 44), (158, 60), *bottom], look.body)
    pen.chord(70, 56, 156, 84, 0, 180, look.belly)
    for k in range(4):  # throat grooves
        pen.line([(118, 66 + k * 3.5), (150, 64 + k * 3)], 0.5, darker(look.belly, 0.3))
    pen.line([(124, 62), (157, 58)], 0.9)  # the long mouth
    pen.poly([(100, 70), (84, 90), (106, 76)], darker(look.body, 0.15))  # a flipper
    pen.ellipse(124, 20, 132, 24, INK, ink=False)  # the blowhole, and its spout
    spray = lighter((150, 200, 240), 0.2)
    for dx in (-8, 0, 8):
        pen.line([(128, 18), (128 + dx, 2)], 1.3, spray)
        pen.circle(128 + dx * 1.3, 1, 1.8, spray, ink=False)
    eye(pen, look, 134, 54, 2.8, mood)
    mouth(pen, mood, 140, 60, 12)
    return (118, 30, 160, 72)


def shark(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A shark: a sleek pointed body, a tall dorsal fin, a crescent tail, gill slits and a mouth full of teeth."""
    pen.poly([(34, 50), (10, 14), (18, 46), (14, 72), (34, 56)], look.body)  # the tail, its upper lobe long
    pen.poly([(72, 34), (88, 4), (100, 34)], look.body)  # the dorsal fin
    top = [(34 + 118 * t, 50 - 18 * math.sin(math.pi * t**0.8) ** 0.8) for t in (i / 16 for i in range(17))]
    bottom = [(34 + 118 * t, 54 + 16 * math.sin(math.pi * t**0.8) ** 0.9) for t in (i / 16 for i in range(16, -1, -1))]
    pen.poly([*top, (158, 52), *bottom], look.body)  # a pointed snout
    pen.poly([(50, 56), (150, 54), (130, 66), (90, 70)], look.belly, ink=False)  # its pale underside
    pen.poly([(90, 62), (74, 82), (98, 68)], darker(look.body, 0.12))  # a pectoral fin
    for x in (112, 117, 122):  # gill slits
        pen.arc(x - 3, 42, x + 3, 60, 300, 60, 0.7)
    pen.poly([(130, 58), (152, 52), (148, 60), (132, 62)], (150, 30, 40))  # the jaws, always a little open
    for k in range(4):
        tx = 134 + k * 4.5
        pen.poly([(tx, 58.5 - k * 1.2), (tx + 3, 57.8 - k * 1.2), (tx + 1.5, 61 - k * 0.8)], WHITE, ink=False)
    eye(pen, look, 138, 46, 2.4, mood)
    return (120, 32, 158, 66)
