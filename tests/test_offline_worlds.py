"""Every world its own gifts, mentor's dress and props, in English, French and Spanish (data/world.toml, places.toml,
tale_fr.toml, tale_es.toml): no bramble wall under the sea, no coat on Mars, no mill on the prairie."""

import re

import pytest

from providers.offline.data import load
from providers.offline.plan import plan_story
from providers.offline.world import BIOMES
from providers.offline.writer import _tale_plan, compose_story

# The props that belong to no world in particular: a French or Spanish tale's three gifts for any world, the default
# world's mill, hills and wall of brambles.
_ANYWHERE = re.compile(
    r"boussole qui montrait toujours la maison|brújula que siempre señalaba el hogar|un sifflet d'argent\b"
    r"|un silbato de plata\b|graine qui brillait|semilla que brillaba|mur de ronces|muro de zarzas"
    r"|\bmoulin\b|\bmolino\b|\bcollines\b|\bcolinas\b"
)


def _mentor(story: str) -> str:
    """The paragraph that introduces the mentor (the fourth of a journey, the third of an everyday task)."""
    paragraphs = story.split("\n\n")
    return paragraphs[2] if "word came that" in paragraphs[1] else paragraphs[3]  # a task's promise: "word came"


def _world(prompt: str) -> str:
    p = _tale_plan(plan_story(prompt))
    return next(key for key, biome in BIOMES.items() if biome is p.biome)


@pytest.mark.parametrize(
    ("prompt", "world", "dress", "gift"),
    [
        ("un astronaute dans la station spatiale", "space", "uniforme", "carte des étoiles"),
        ("un robot cultive un jardin sur Mars", "mars", "scaphandre", "boussole à oxygène"),
        ("un poulpe dans le récif de corail", "undersea", "scaphandre", "conque"),
        ("un clown au cirque", "circus", "habit", "maître de piste"),
        ("une institutrice à l'école", "school", "craie", "bâton de craie"),
        ("un pingouin sur la banquise", "polar", "anorak", "os de baleine"),
        ("un explorateur dans la jungle", "jungle", "gilet", "jade"),
        ("un garçon dans la ville", "city", "tablier", "montre de gousset"),
        ("un cow-boy dans la prairie", "prairie", "cache-poussière", "éperon"),
        ("une boulangère prépare un gâteau magique", "bakery", "farine", "levain"),
        ("un astronauta en la estación espacial", "space", "uniforme", "carta estelar"),
        ("un robot en Marte", "mars", "traje", "brújula de oxígeno"),
        ("un pulpo en el arrecife de coral", "undersea", "buzo", "caracola"),
        ("un payaso en el circo", "circus", "frac", "maestro de ceremonias"),
        ("una maestra en la escuela", "school", "tiza", "tiza"),
        ("un pingüino en el hielo", "polar", "anorak", "hueso de ballena"),
        ("un explorador en la selva", "jungle", "chaleco", "jade"),
        ("un vaquero en la pradera", "prairie", "guardapolvo", "espuela"),
        ("una panadera hace un pastel mágico", "bakery", "harina", "masa madre"),
    ],
)
def test_a_tale_s_mentor_dresses_and_gives_as_its_world_does(prompt: str, world: str, dress: str, gift: str) -> None:
    story = compose_story(prompt)
    mentor = _mentor(story)
    assert _world(prompt) == world
    assert dress in mentor and gift in mentor, mentor
    assert not re.search(r"\bmanteau\b|\babrigo\b", mentor), mentor  # the mentor's coat of every world
    found = _ANYWHERE.search(" ".join(story.split("\n\n")[3:7]))
    assert found is None, (found, story)


@pytest.mark.parametrize(
    ("prompt", "place", "not_there"),
    [
        # A prairie's and a bakery's own world, as in English, not the mill by the river and the hills.
        ("un cow-boy dans la prairie", "dans la prairie, dans la vieille grange d'un pionnier", "moulin"),
        ("un vaquero en la pradera", "en la pradera, en el viejo granero de un colono", "molino"),
        ("une boulangère prépare un gâteau magique", "à la boulangerie, dans le vieux fournil", "horloges"),
        ("una panadera hace un pastel mágico", "en la panadería, en el viejo obrador", "molino"),
    ],
)
def test_a_tale_of_the_prairie_or_the_bakery_is_told_in_its_world(prompt: str, place: str, not_there: str) -> None:
    story = compose_story(prompt)
    assert place in _mentor(story) and not_there not in story, story


@pytest.mark.parametrize(
    ("prompt", "world"),
    [
        ("un cheval dans le pré", "forest"),  # a meadow is the forest's, as in English
        ("un caballo en el prado", "forest"),
        ("une boulangère dans la forêt", "forest"),  # a place the prompt names before the baker's bakery
        ("a baker bakes a magic cake", "city"),  # an English journey keeps its world: the baker's home is a bakery
    ],
)
def test_the_world_of_a_tale_s_meadow_or_baker(prompt: str, world: str) -> None:
    assert _world(prompt) == world


@pytest.mark.parametrize(
    ("prompt", "garment"),
    [
        ("a diver explores a coral reef under the sea", "diving suit"),
        ("an astronaut repairs a space station", "flight suit"),
        ("a robot grows a garden on Mars", "pressure suit"),
        ("a clown runs away to the circus", "ringmaster's jacket"),
        ("a camel trader crosses the desert", "desert robe"),
        ("a penguin waddles across the arctic ice", "fur-lined parka"),
        ("a nurse saves the hospital", "scrubs"),
        ("a cowboy rides across the prairie", "fringed jacket"),
    ],
)
def test_an_english_mentor_dresses_for_the_world(prompt: str, garment: str) -> None:
    mentor = _mentor(compose_story(prompt))
    assert re.search(rf"\bin (?:his|her) faded [a-z]+ {re.escape(garment)}\b", mentor), mentor
    assert not re.search(r"\bcoat\b", mentor.split(" was waiting")[0]), mentor


@pytest.mark.parametrize("code", ["fr", "es"])
def test_every_world_has_its_own_gift_and_mentor_s_dress_in_every_language(code: str) -> None:
    worlds = load(f"tale_{code}")["worlds"]
    assert set(BIOMES) <= set(worlds)
    gifts = [worlds[key]["gift"] for key in BIOMES]
    assert len(set(gifts)) == len(gifts)  # no two worlds share a gift
    assert all("mentor_dress" in worlds[key] and "gift_use" in worlds[key] for key in BIOMES)
    assert all(
        key in load(f"tale_{code}")[table] for table in ("homes", "roles", "villains") for key in ("prairie", "bakery")
    )


def test_every_english_world_has_its_mentor_s_garment() -> None:
    garments = {key: biome.mentor_garment for key, biome in BIOMES.items()}
    assert "coat" not in garments.values() and len(set(garments.values())) == len(garments)


@pytest.mark.parametrize(
    ("prompt", "ally"),
    [
        ("un poulpe dans le récif de corail", "au scaphandre"),
        ("un robot cultive un jardin sur Mars", "au scaphandre"),
        ("un clown au cirque", "au costume"),
        ("une boulangère prépare un gâteau magique", "au tablier"),
        ("un robot en Marte", "con un traje"),
        ("un pulpo en el arrecife de coral", "de buzo"),
        ("un vaquero en la pradera", "con un pañuelo"),
    ],
)
def test_a_tale_s_ally_dresses_for_the_world(prompt: str, ally: str) -> None:
    trials = compose_story(prompt).split("\n\n")[5]
    assert ally in trials and not re.search(r"\bmanteau\b|\babrigo\b", trials), trials


@pytest.mark.parametrize(
    ("prompt", "mentor", "ally"),
    [
        # A race along the reef dresses its mentor and ally for the sea; a cooking contest keeps the coats.
        ("two dolphins race along the coral reef", "diving suit", None),
        ("un dauphin participe à une course", "scaphandre", "au scaphandre"),
        ("dos delfines compiten en una carrera", "traje", "de buzo"),
        ("two chefs compete in a cooking contest", "coat", None),
        ("deux chefs rivaux s'affrontent dans un concours de cuisine", "manteau", "au manteau"),
    ],
)
def test_a_contest_dresses_its_mentor_and_ally_for_its_own_world(prompt: str, mentor: str, ally: str | None) -> None:
    paragraphs = compose_story(prompt).split("\n\n")
    told = next(p for p in paragraphs if re.search(r"oldest mentor|vieux maître|vieille maîtresse|viej[oa] maestr", p))
    assert re.search(rf"\b{mentor}\b", told.split(" was waiting")[0].split(", attend")[0].split(", esperaba")[0]), told
    assert ally is None or ally in " ".join(paragraphs), paragraphs


@pytest.mark.parametrize(
    ("prompt", "carried"),
    [
        # A gift too big for a pocket is carried as it can be: a football under the arm, a horn over the shoulder.
        ("a footballer saves the stadium", "with a lucky football signed by every champion under his arm"),
        ("a goatherd climbs the mountains", "with an old horn bound in copper slung over"),
        ("une plongeuse dans le récif de corail", "avec une conque qui savait appeler les baleines sous le bras"),
        ("una granjera en la granja", "una campana de granja que llamaba a todos los animales colgada del cinturón"),
        ("un garçon dans la ville", "au fond de sa poche"),  # a watch goes in the pocket
    ],
)
def test_the_hero_carries_the_world_s_gift_as_it_can_be_carried(prompt: str, carried: str) -> None:
    threshold = compose_story(prompt).split("\n\n")[4]
    assert carried in threshold, threshold


@pytest.mark.parametrize(
    ("prompt", "carried"),
    [
        # A hero with no coat to tuck a thing in keeps it in a satchel; one in a coat tucks it inside.
        ("an acrobat finds a magic key at the circus", "safe in her satchel"),
        ("a girl finds a magic key in the forest", "safe in her satchel"),  # in a quilted waistcoat
        ("a diver finds a magic pearl under the sea", "tucked inside her coat"),  # in a pea coat
    ],
)
def test_a_hero_tucks_a_thing_only_inside_a_coat_it_wears(prompt: str, carried: str) -> None:
    story = compose_story(prompt)
    assert carried in story.split("\n\n")[4], story
