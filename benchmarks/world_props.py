"""Which offline stories carry a prop of another world: `.venv/bin/python -m benchmarks.world_props` writes the story of
each of 46 prompts (English, French, Spanish; many places), prints the world it is told in, the mentor's gift and
dress, and what in it belongs to no world or another one (a French or Spanish tale's gift for any world, the mill and
the hills, a mentor or a tale's ally in a plain coat where the world has its own dress, a football in a pocket),
and counts the prompts with any."""

import re

from providers.offline.plan import Plan, plan_story
from providers.offline.world import BIOMES
from providers.offline.writer import _tale_plan, compose_story

PROMPTS = [
    "a diver explores a coral reef under the sea",
    "a mermaid searches for her lost sister",
    "an astronaut repairs a space station",
    "a robot grows a garden on Mars",
    "a girl with a blue umbrella walks through a rainy city",
    "a camel trader crosses the desert",
    "a goatherd climbs the mountains",
    "a clown runs away to the circus",
    "a teacher finds a secret door at school",
    "a lighthouse keeper befriends a sea monster",
    "a conductor on the night train",
    "an explorer gets lost in the jungle",
    "a penguin waddles across the arctic ice",
    "a cowboy rides across the prairie",
    "a baker bakes a magic cake in the bakery",
    "a ghost haunts the old manor",
    "a nurse saves the hospital",
    "a skater at the ice rink",
    "a farmer loses a cow on the farm",
    "a volcano wakes near a village",
    "une plongeuse explore la mer sous les vagues",
    "un astronaute dans la station spatiale",
    "un robot cultive un jardin sur Mars",
    "un garçon dans la ville",
    "un chamelier traverse le désert",
    "un clown au cirque",
    "une institutrice à l'école",
    "un gardien de phare et un monstre marin",
    "un explorateur dans la jungle",
    "un pingouin sur la banquise",
    "une boulangère prépare un gâteau magique",
    "un cow-boy dans la prairie",
    "une bergère dans les montagnes",
    "un cheval dans le pré",
    "una buceadora explora el fondo del mar",
    "un astronauta en la estación espacial",
    "un robot en Marte",
    "un niño en la ciudad",
    "un vaquero en la pradera",
    "una panadera hace un pastel mágico",
    "un payaso en el circo",
    "una maestra en la escuela",
    "un explorador en la selva",
    "un pingüino en el hielo",
    "una pastora en las montañas",
    "un caballo en el prado",
]

# What belonged to no world in particular, and the worlds where it still fits.
_ANYWHERE = {
    r"boussole qui montrait toujours la maison|brújula que siempre señalaba el hogar": {"default"},
    r"un sifflet d'argent\b|un silbato de plata\b": {"default"},
    r"graine qui brillait|semilla que brillaba|mur de ronces|muro de zarzas|\bbrambles?\b": {"default", "forest"},
    r"\bmoulin\b|\bmolino\b|\bcollines\b|\bcolinas\b": {"default"},
}
# Worlds whose mentor, and (but the city's and the train's) a tale's ally, wears no plain coat.
_COATLESS = set(BIOMES) - {"coast", "forest", "mountain"}
_COAT = re.compile(r"\b(?:coat|manteau|abrigo)\b")
_DRESS = re.compile(
    r"in (?:his|her|their) faded [^,.]*|(?:envelopp|drap|emmitoufl|vêt|vestid|envuelt|abrigad)\w* (?:dans|d'|con|en)"
    r" [^,.]*|vêtue? d'[^,.]*"
)
_ALLY_COAT = re.compile(r"au manteau \w+ plein de poches|con un abrigo \w+ lleno de bolsillos")
_POCKETED = re.compile(
    r"(?:football|ballon|balón|skates|patins|patines|cloche|campana|bell|horn|cor |cuerno|cafetière|cafetera|coffee pot"
    r"|conch|conque|caracola|sourdough|levain|masa madre)[^.]*(?:pocket|poche|bolsillo)"
)


def _world(p: Plan) -> str:
    return next(key for key, biome in BIOMES.items() if biome is p.biome)


def props_of_other_worlds(prompt: str) -> tuple[str, str, list[str]]:
    """(the world the story is told in, the mentor's dress, what in the story belongs to another world)."""
    world = _world(_tale_plan(plan_story(prompt)))
    paragraphs = compose_story(prompt).split("\n\n")
    mentor, threshold, trials = paragraphs[3], paragraphs[4], paragraphs[5]
    journey = " ".join(paragraphs[3:7])
    found = [
        m.group(0) for pattern, fits in _ANYWHERE.items() if world not in fits and (m := re.search(pattern, journey))
    ]
    dressed = _DRESS.search(mentor)
    dress = dressed.group(0) if dressed else "?"
    if world in _COATLESS and _COAT.search(dress):
        found.append(f"mentor {dress}")
    if world in _COATLESS - {"city", "train"} and _ALLY_COAT.search(trials):
        found.append("ally in a coat")
    if _POCKETED.search(threshold):
        found.append("a big gift in a pocket")
    return world, dress, found


def main() -> None:
    others = 0
    for prompt in PROMPTS:
        world, dress, found = props_of_other_worlds(prompt)
        others += bool(found)
        print(f"{world:10} | {prompt[:44]:44} | {dress[:48]:48} | {', '.join(found)}")
    print(f"{others} of {len(PROMPTS)} prompts carry a prop of another world")


if __name__ == "__main__":
    main()
