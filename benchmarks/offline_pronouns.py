"""Whom the offline drawing draws as the story's he or she: the people of ~40 prompts in English, French and Spanish.

`.venv/bin/python -m benchmarks.offline_pronouns [-v]` writes each prompt's story, reads its cast, and counts the
people whose drawn hair or beard contradicts the sex the story gives them (a he with long hair or a bun the words do
not give him, a she short-haired, bearded or with a bun under a hat, which hides it), those the drawing reads no sex
for (their hair is the name's chance), and those whose title or trade is the other sex's word ("Fennick, a dark
sorcerer" of a she). The sex each person truly has is the plan's (an English story) or the tale's (its
`{x?il|elle}` flags), not read back from the text.
"""

import argparse
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from providers.offline import contest_tale, tales
from providers.offline.drawing.colour import parse_colour
from providers.offline.drawing.features import BUN, LONG, SHORT, sex
from providers.offline.drawing.humanoids import human_look
from providers.offline.plan import plan_story
from providers.offline.profiles import character_profiles
from providers.offline.writer import compose_story

PROMPTS = (
    "a knight fights a dragon in the mountains",
    "a princess fights an evil sorcerer",
    "a girl battles an evil sorcerer in the forest",
    "a boy defeats a wicked witch",
    "a young witch and her mentor fight a dark lord",
    "a pirate captain battles a sea witch",
    "a shepherd girl and her grandfather protect the village from a tyrant",
    "a detective hunts a thief across the rooftops of a rainy city",
    "a lighthouse keeper befriends a sea monster",
    "a governess discovers a secret in the old manor",
    "a young inventor challenges a cruel baron",
    "an old fisherman and his granddaughter sail to a volcano",
    "a nurse fights a mad doctor in the hospital",
    "a queen defends her castle from a warlord",
    "a farmer saves the forest from a greedy baron",
    "un chevalier combat un dragon dans les montagnes",
    "une princesse combat un sorcier maléfique",
    "une sorcière et son chat cherchent une clé magique dans la forêt",
    "une gouvernante découvre un secret dans le vieux manoir",
    "une gouvernante protège un enfant dans le manoir",
    "une reine défend son château contre un tyran",
    "un berger et sa sœur sauvent le village",
    "une exploratrice cherche un trésor dans la jungle",
    "un pêcheur affronte une sorcière de la mer",
    "une fille et son grand-père sauvent la forêt",
    "un garçon cherche une épée magique dans la montagne",
    "une infirmière combat un docteur fou à l'hôpital",
    "un détective poursuit un voleur dans le train de nuit",
    "el último dragón busca un tesoro en las montañas",
    "una princesa lucha contra un hechicero malvado",
    "una bruja y su gato buscan una llave mágica en el bosque",
    "una institutriz descubre un secreto en la vieja mansión",
    "una ama de llaves descubre un secreto en la mansión",
    "un caballero lucha contra una reina malvada",
    "una pescadora y su hermana navegan hacia una isla",
    "un pastor protege su pueblo de un tirano",
    "una exploradora busca un tesoro en la selva",
    "un niño y su abuela salvan la ciudad",
    "una niña encuentra un dragón en la montaña",
    "un detective persigue a un ladrón en la ciudad",
    "una cocinera compite contra un cocinero rival",
    "a chef competes against a rival chef in a cooking contest",
)

# Titles and trades of one sex, in the three languages: the other sex's person must not be called so.
_TITLES = {
    "m": "sorcerer lord king baron headmaster landlord heir showman wizard warlock actor prince duke emperor "
    "sorcier seigneur roi baron prince magicien majordome tyran héritier maître vieux "
    "hechicero señor rey barón príncipe brujo mago mayordomo tirano heredero maestro viejo",
    "f": "sorceress lady queen baroness headmistress landlady heiress showwoman witch actress princess duchess empress "
    "sorcière dame reine baronne princesse magicienne gouvernante tyranne héritière maîtresse vieille "
    "hechicera señora reina baronesa princesa bruja maga tirana heredera maestra vieja institutriz",
}
_TITLE_WORDS = {sex: frozenset(words.split()) for sex, words in _TITLES.items()}
_WORD_RE = re.compile(r"[^\W\d_]+")


@contextmanager
def _tale_sexes(found: dict[str, str]) -> Iterator[None]:
    """While inside: each tale's people's sexes as its templates are filled (name -> 'm' or 'f')."""
    originals = tales.fill, contest_tale.fill

    def spy(template: str, flags: dict[str, bool], values: dict[str, str]) -> str:
        for who, key in (("h", "h"), ("v", "v"), ("m", "m"), ("a", "a")):
            if values.get(key):
                found[values[key]] = "m" if flags[who] else "f"
        return originals[0](template, flags, values)

    tales.fill = contest_tale.fill = spy  # type: ignore[assignment]
    try:
        yield
    finally:
        tales.fill, contest_tale.fill = originals  # type: ignore[assignment]


def _truth(prompt: str) -> tuple[str, dict[str, str]]:
    """The story and its people's sexes by short name."""
    found: dict[str, str] = {}
    with _tale_sexes(found):
        story = compose_story(prompt)
    if not found:
        p = plan_story(prompt)
        for who in (p.hero, p.mentor, p.villain, p.ally):
            if who.subj in ("he", "she"):
                found[who.short] = "m" if who.subj == "he" else "f"
    return story, found


def _appositive(brief: str, name: str) -> list[str]:
    """The words that say what the person is: the brief after the name, to its first comma or relative clause."""
    rest = brief[len(name) :] if brief.startswith(name) else brief
    head = re.split(r"[,.;]|\b(?:who|qui|que|de|del|of)\b", rest.strip(" ,"), maxsplit=1)[0]
    return _WORD_RE.findall(head.lower())


def survey(verbose: bool = False) -> dict[str, int]:
    """Counts over PROMPTS: people, hair contradicting sex (or hidden), no sex read, titles of the other sex."""
    counts = {"people": 0, "hair": 0, "unread": 0, "misread": 0, "title": 0}
    for prompt in PROMPTS:
        story, truth = _truth(prompt)
        for profile in character_profiles(story):
            if profile.character_type != "humanoid":
                continue
            own = next((s for name, s in truth.items() if name in profile.name.split()), None)
            if own is None:
                continue
            counts["people"] += 1
            text = " ".join([profile.name, profile.brief, profile.visual_form, *profile.distinctive_markers])
            palette: list[Any] = [parse_colour(c) or (128, 128, 128) for c in profile.color_palette] * 4
            look = human_look(profile.name, palette, text, profile.demeanor)
            read = sex(profile.name, text.lower())
            styled = re.search(r"braid|plait|ponytail|bun|bald|curls|long hair|short hair", text.lower())
            wrong_hair = not styled and (
                (own == "m" and look.hair_style in (LONG, BUN)) or (own == "f" and look.hair_style == SHORT)
            )
            # A bun is drawn under no hat (humanoids._head): a she in a crown with one looks short-haired.
            hidden = look.hair_style == BUN and look.hat not in (None, "hood") and "bun" not in text.lower()
            wrong_hair = wrong_hair or (own == "f" and (look.beard or hidden))
            other = "f" if own == "m" else "m"
            titles = set(_appositive(profile.brief, profile.name)) & _TITLE_WORDS[other]
            counts["hair"] += wrong_hair
            counts["unread"] += read is None
            counts["misread"] += read == other
            counts["title"] += bool(titles)
            if verbose and (wrong_hair or read != own or titles):
                print(f"{prompt!r}: {profile.name} is {own}, read {read}, hair {look.hair_style}, titles {titles}")
                print(f"    {profile.brief}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="print each person the drawing gets wrong")
    counts = survey(parser.parse_args().verbose)
    print(" ".join(f"{key}={value}" for key, value in counts.items()))


if __name__ == "__main__":
    main()
