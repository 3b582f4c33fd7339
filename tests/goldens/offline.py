"""Golden renders of the offline renderer: a digest of the pixels of a fixed set of sheets and panels per style.

`.venv/bin/python -m tests.goldens.offline` rewrites tests/goldens/offline.json from today's code (do it only for a
deliberate change to the drawing, after looking at the images: `--png DIR` also writes them). The digests are of
decoded pixels, not PNG bytes, so a zlib upgrade does not change them; a Pillow upgrade may (the file records the
version it was made with, and the test says so when they differ).
"""

import argparse
import asyncio
import hashlib
import json
import uuid
from io import BytesIO
from pathlib import Path

import PIL
from PIL import Image

from domain.character import Character, CharacterType
from domain.panel import Panel
from domain.style import STYLES
from providers.images import ReferenceImage
from providers.offline.renderer import OfflineRenderer

GOLDENS = Path(__file__).with_name("offline.json")
CAST: list[tuple[str, CharacterType, list[str], str]] = [
    ("Mara Quill", "humanoid", ["#2b4c7e", "#c9a227", "#8b1e3f"], "a keeper in a yellow sou'wester hat with a lantern"),
    ("Old Brinefang", "creature", ["#2e8b57", "#d26262", "#dd3766"], "a giant sea serpent with green scales"),
    ("Time", "concept", ["#4b0082", "#d4af37"], "a tall figure in a coat sewn from clock-faces"),
    ("Northwake", "object", ["#b5a642", "#1f4e9c"], "an old brass compass"),
]
PANELS = [
    ("a stormy night on the lighthouse gallery", ["Mara Quill", "Old Brinefang"], "Mara Quill: Hold on!"),
    ("the city streets at dusk, fog", ["Mara Quill", "Time", "Northwake"], ""),
]


def pixels(png: bytes) -> str:
    image = Image.open(BytesIO(png))
    return hashlib.sha256(f"{image.mode} {image.size}".encode() + image.tobytes()).hexdigest()


async def renders(png_dir: Path | None = None) -> dict[str, str]:
    """Digest of every golden render, by name (style/sheet/<name>, style/panel/<n>)."""
    renderer = OfflineRenderer(lettered=True)
    out: dict[str, str] = {}
    for style in STYLES:
        sheets: dict[str, bytes] = {}
        for i, (name, kind, palette, form) in enumerate(CAST):
            character = Character(
                id=uuid.UUID(int=i + 1), name=name, character_type=kind, color_palette=palette, visual_form=form
            )
            sheets[name] = (await renderer.render_character(character, "", style=style)).data
            out[f"{style}/sheet/{name}"] = pixels(sheets[name])
        for i, (background, names, dialogue) in enumerate(PANELS):
            panel = Panel(
                id=uuid.UUID(int=100 + i), index=i, background=background, characters=names, dialogue=dialogue
            )
            refs = [ReferenceImage(n, sheets[n]) for n in names]
            png = (await renderer.render_panel(panel, "", refs, style=style)).data
            out[f"{style}/panel/{i}"] = pixels(png)
            if png_dir is not None:
                (png_dir / f"{style}-panel-{i}.png").write_bytes(png)
        if png_dir is not None:
            for name, png in sheets.items():
                (png_dir / f"{style}-sheet-{name.replace(' ', '_')}.png").write_bytes(png)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Rewrite the offline renderer's goldens from today's code.")
    parser.add_argument("--png", type=Path, help="also write the rendered PNGs into this directory")
    args = parser.parse_args()
    if args.png:
        args.png.mkdir(parents=True, exist_ok=True)
    digests = asyncio.run(renders(args.png))
    GOLDENS.write_text(json.dumps({"pillow": PIL.__version__, "renders": digests}, indent=1, sort_keys=True) + "\n")
    print(f"wrote {len(digests)} digests to {GOLDENS}")


if __name__ == "__main__":
    main()
