"""Captions (#19: narration goes into caption boxes): whole sentences of the story that fit their box, a long one
shortened at its clause boundaries into a sentence still, never cut off mid-thought with an ellipsis."""

import re
import time

import pytest

from comics.lettering import PanelLettering, layout_lettering
from comics.script import Balloon
from domain.drafts import PanelDraft
from providers.offline.captions import CAPTION_MAX, shorten
from providers.offline.captions import caption as panel_caption
from providers.offline.storyteller import OfflineStoryteller
from tests.offline_cases import CASES, Case, Comic, make


@pytest.fixture(scope="module")
async def comics() -> dict[str, Comic]:
    return {case.prompt: await make(case.prompt) for case in CASES}


def words_in_order(shortened: str, text: str) -> bool:
    """Whether every word of `shortened` is in one sentence of `text`, in the same order (words left out between)."""
    wanted = re.findall(r"[\w'\u2019-]+", shortened.lower())
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        found = iter(re.findall(r"[\w'\u2019-]+", sentence.lower()))
        if all(word in found for word in wanted):
            return True
    return False


@pytest.mark.parametrize("case", CASES, ids=[c.prompt[:40] for c in CASES])
async def test_a_caption_is_whole_sentences_of_the_story_that_fit_its_box(case: Case, comics: dict[str, Comic]) -> None:
    for panel in comics[case.prompt].panels:
        text = panel.caption
        assert 0 < len(text) <= CAPTION_MAX, text
        assert "…" not in text and text.endswith((".", "!", "?")) and text[:1].isupper(), text
        assert not re.search(r",\s*[,.]|\s,", text), text  # no seam where a description was left out
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            assert words_in_order(sentence, comics[case.prompt].text), sentence
        # Lettered on a page's smaller panel, every word of it fits the caption box.
        (placed,) = layout_lettering(PanelLettering(balloons=[Balloon(kind="caption", text=text)]), 723, 460).balloons
        assert not placed.truncated, text


@pytest.mark.parametrize(
    ("sentence", "caption"),
    [
        (  # a description and a detail after the name go, the clause joined on after "and had" too
            "Rumour had it that Queen Hildia Coldness, a ruthless rival runner in a crimson armoured greatcoat, with "
            "rings on every finger, had never lost a race and had sworn to win this one by any means, fair or foul.",
            "Rumour had it that Queen Hildia Coldness, a ruthless rival runner in a crimson armoured greatcoat, had "
            "never lost a race.",
        ),
        (  # the place and time the panel draws go first; the name runs on to its verb
            "In the net-loft behind the harbour chandlery, at dusk, Old Selias Gullward, a patient retired harbour "
            "pilot and Joryric's oldest mentor, with spectacles on a long chain, was waiting with a kettle already "
            "singing on the stove.",
            "Old Selias Gullward, a patient retired harbour pilot and Joryric's oldest mentor, was waiting with a "
            "kettle already singing on the stove.",
        ),
        (  # a description in two pieces loses its second only
            "Then, right in front of Joryric, something enormous rose out of the black water: Haloennis, an ancient "
            "sea monster with green scales, a crest like a torn sail and eyes like lanterns.",
            "Then, right in front of Joryric, something enormous rose out of the black water: Haloennis, an ancient "
            "sea monster with green scales.",
        ),
        (  # never only the places: "Al salir el sol, sobre las murallas rotas de la fortaleza…"
            "Al salir el sol, sobre las murallas rotas de la fortaleza, las puertas de la prisión se abrieron y Maxum "
            "guio a los prisioneros hacia la luz.",
            "Las puertas de la prisión se abrieron y Maxum guio a los prisioneros hacia la luz.",
        ),
        (
            "La rumeur disait que Celelle Ashleigh, une magicienne cruelle et sans pitié au manteau noir et au sourire "
            "glacé, avait juré de capturer Duskiara et de le ramener enchaîné.",
            "La rumeur disait que Celelle Ashleigh avait juré de capturer Duskiara et de le ramener enchaîné.",
        ),
        (  # the place stays before a verb that comes before its subject ("Vivait Linis ..." would not read)
            "Dans la forêt, vivait Linis Hollinwood, une sorcière curieuse et patiente qui portait une lanterne de "
            "cuivre à la ceinture et un vieux manteau brodé d'étoiles.",
            "Dans la forêt, vivait Linis Hollinwood, une sorcière curieuse et patiente.",
        ),
        (  # nothing else fits: up to the first "and"
            "Rumour had it that Nello Brassridge, a ruthless rival chef in a black coat of iron scales, with a mask "
            "of polished silver, had cooked for three kings and sworn to win the banquet and see every other chef in "
            "Brassmoor sent home in shame.",
            "Rumour had it that Nello Brassridge, a ruthless rival chef in a black coat of iron scales, had cooked "
            "for three kings.",
        ),
        ("Osteom crossed the line a stride ahead.", "Osteom crossed the line a stride ahead."),
        (  # an aside between dashes goes whole, no dash left hanging
            "The chase took them over the copper rooftops and past the bell tower of Saint Amaro — where the bells "
            "were already ringing the alarm — and into the teeth of the storm.",
            "The chase took them over the copper rooftops and past the bell tower of Saint Amaro and into the teeth "
            "of the storm.",
        ),
        (  # an "and" between phrases may end it; one inside a phrase ("a hundred and twelve") may not
            "The dog that bit me ran away across the fields and the meadows and the hills and the valleys until "
            "nobody could see it any more in the dark of the night.",
            "The dog that bit me ran away across the fields and the meadows and the hills.",
        ),
        (  # no clause boundary that leaves a sentence: another sentence of the beat is the caption
            "The old woman who had kept the lighthouse for forty years before Mara came walked slowly up the hundred "
            "and twelve steps every evening to watch the ships come in from the west.",
            None,
        ),
    ],
)
def test_a_long_sentence_is_shortened_at_its_clauses_into_a_sentence(sentence: str, caption: str | None) -> None:
    assert shorten(sentence) == caption


def test_a_short_caption_takes_the_next_sentence_when_both_fit() -> None:
    beat = 'Isolde tightened her goggles. The storm was close. "Hold on," she said.'
    assert panel_caption(beat) == "Isolde tightened her goggles. The storm was close."
    assert panel_caption(f"{'Word ' * 40}and more words without a single comma or clause to cut at, on and on.") == ""


async def test_captions_of_run_on_sentences_are_read_in_linear_time() -> None:
    # A pasted story of endless sentences, every one a string of clauses: each caption tries only the heads near
    # its sentence's start (trying every cut of a 5,000-character sentence took seconds a panel). Four times the
    # clauses must cost about four times the CPU (every cut tried: sixteen); CPU seconds, the best of two runs,
    # so that a busy machine does not decide it.
    async def cpu(clauses: int) -> tuple[float, list[PanelDraft]]:
        sentence = "Mira, a baker with flour on her hands, who loved bread, ran to the market, and the dog followed, "
        story = "\n\n".join(" ".join([(sentence * clauses).rstrip(", ") + "."] * 2) for _ in range(12))
        best, panels = float("inf"), []
        for _ in range(2):
            started = time.process_time()
            panels = (await OfflineStoryteller().generate_panels(story, ["Mira"])).items
            best = min(best, time.process_time() - started)
        return best, panels

    small, _ = await cpu(25)
    large, panels = await cpu(100)
    assert large < 8 * small, (small, large)
    assert all(0 < len(p.caption) <= CAPTION_MAX and p.caption.endswith(".") for p in panels), panels[0].caption
