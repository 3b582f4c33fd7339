"""The finished comic as files: page images composed from panels, a PDF, a CBZ and a zip of PNG pages.

Everything is deterministic (no clock, no random): the same panels and layout give the same bytes, so an export
can be cached by its inputs and compared in tests.
"""

import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO

from PIL import Image, ImageDraw

from comics import fonts, textfit
from comics.balloons import draw_layout
from comics.comicinfo import ComicInfo, PageInfo, comicinfo_xml
from comics.layout import PageLayout, Rect
from comics.lettering import PanelLettering, layout_lettering

PAPER = (255, 255, 255)
INK = (38, 32, 44)
# A fixed timestamp for archive entries and PDF metadata: a clock would make every export differ.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _open(data: bytes) -> Image.Image:
    try:
        image = Image.open(BytesIO(data))
        image.load()
    except (OSError, Image.DecompressionBombError) as exc:
        raise ValueError(f"not a decodable image: {exc}") from exc
    return image


def _png(image: Image.Image) -> bytes:
    out = BytesIO()
    # Level 3 of zlib's 9: a page encodes in 60% of the default's time (level 6), 11% larger (0.88 MB for 0.79).
    image.save(out, format="PNG", optimize=False, compress_level=3)
    return out.getvalue()


def _cover(size: tuple[int, int], width: int, height: int, focus_y: float) -> tuple[float, float, float, float]:
    """The part of an image of `size` that, scaled, exactly covers width x height (full width or full height)."""
    scale = max(width / size[0], height / size[1])
    crop_w, crop_h = width / scale, height / scale
    x0, y0 = (size[0] - crop_w) / 2, (size[1] - crop_h) * focus_y
    return (x0, y0, x0 + crop_w, y0 + crop_h)


def _fitted(image: Image.Image, width: int, height: int, focus_y: float) -> tuple[Image.Image, tuple[float, ...]]:
    crop = _cover(image.size, width, height, focus_y)
    # Shrunk, Hamming's short filter is as clean as Lanczos at under half the time (Pillow widens it with the
    # factor, so nothing aliases); enlarged, Lanczos keeps the edges crisp.
    shrunk = width <= crop[2] - crop[0]
    resample = Image.Resampling.HAMMING if shrunk else Image.Resampling.LANCZOS
    return image.convert("RGB").resize((width, height), resample, box=crop), crop


def fit_art(art: bytes, width: int, height: int, focus_y: float = 0.4) -> bytes:
    """The art scaled to cover width x height and cropped to it, as PNG.

    The crop keeps the full width or the full height and centres the other across; vertically it sits at
    `focus_y` (0 top, 1 bottom), a little above the middle by default, where figures' heads usually are.
    """
    return _png(_fitted(_open(art), width, height, focus_y)[0])


def _reframed(lettering: PanelLettering, size: tuple[int, int], crop: tuple[float, ...]) -> PanelLettering:
    """Lettering whose speaker, head, face and effect positions (fractions of the whole art) are moved into the
    crop."""

    def across(x: float) -> float:
        return min(1.0, max(0.0, (x * size[0] - crop[0]) / (crop[2] - crop[0])))

    def down(y: float) -> float:
        return min(1.0, max(0.0, (y * size[1] - crop[1]) / (crop[3] - crop[1])))

    balloons = [
        b.model_copy(update={
            "speaker_x": None if b.speaker_x is None else across(b.speaker_x),
            "speaker_y": None if b.speaker_y is None else down(b.speaker_y),
            "position": None if b.position is None else (across(b.position[0]), down(b.position[1])),
        })
        for b in lettering.balloons
    ]  # fmt: skip
    faces = [(across(x0), down(y0), across(x1), down(y1)) for x0, y0, x1, y1 in lettering.faces]
    return lettering.model_copy(update={"balloons": balloons, "faces": faces, "display_width": None})


def compose_page(
    page_layout: PageLayout,
    panel_images: Sequence[bytes],
    title: str | None = None,
    page_number: int | None = None,
    lettering: Sequence[PanelLettering | None] | None = None,
) -> bytes:
    """The page as PNG: each panel's art fitted to its rectangle and bordered, the title, the page number.

    `panel_images` follow `page_layout.panels`. With `lettering` (one per panel, None for none), each panel is
    lettered after it is fitted, at page resolution, so its sizes are page pixels whatever the art's size, and
    speaker positions (fractions of the whole art) follow the crop. The title is drawn only on a page with a
    title band; `page_number` None draws no number.
    """
    if len(panel_images) != len(page_layout.panels):
        raise ValueError(f"{len(panel_images)} images for {len(page_layout.panels)} panels")
    if lettering is not None and len(lettering) != len(page_layout.panels):
        raise ValueError(f"{len(lettering)} letterings for {len(page_layout.panels)} panels")
    page = Image.new("RGB", (page_layout.width, page_layout.height), PAPER)
    draw = ImageDraw.Draw(page)
    for k, (slot, art) in enumerate(zip(page_layout.panels, panel_images, strict=True)):
        rect = slot.rect
        source = _open(art)
        panel, crop = _fitted(source, rect.width, rect.height, 0.4)
        letters = lettering[k] if lettering is not None else None
        if letters is not None and letters.balloons:
            canvas = panel.convert("RGBA")
            draw_layout(canvas, layout_lettering(_reframed(letters, source.size, crop), rect.width, rect.height))
            panel = canvas.convert("RGB")
        page.paste(panel, (rect.x, rect.y))
        if page_layout.border:
            draw.rectangle((rect.x, rect.y, rect.right - 1, rect.bottom - 1), outline=INK, width=page_layout.border)
    if title and page_layout.title_box is not None:
        _centred_text(draw, title, page_layout.title_box, largest=round(page_layout.title_box.height * 0.5))
    if page_number is not None:
        box = page_layout.number_box
        _centred_text(draw, str(page_number), box, largest=max(8, round(box.height * 0.7)))
    return _png(page)


def _centred_text(draw: ImageDraw.ImageDraw, text: str, box: Rect, largest: int) -> None:
    """Text centred in the box at the largest size that fits (two lines at most), cut with an ellipsis if not."""
    items = textfit.tokens(text)
    area = textfit.RectArea(box.width, box.height)
    smallest = max(8, largest // 3)
    fitted = next((f for size in textfit.sizes(largest, smallest) if (f := textfit.fit_in(items, size, area))), None)
    fitted = fitted or textfit.truncate(items, smallest, area)
    cx, cy = box.x + box.width / 2, box.y + box.height / 2
    for line, offset in zip(fitted.lines, fitted.baselines, strict=True):
        x = cx - fonts.width(line, fitted.size) / 2
        fonts.draw_text(draw, (x, cy + offset), line, fitted.size, INK)


def export_pdf(pages: Sequence[bytes], title: str = "", author: str = "", dpi: int = 200) -> bytes:
    """A PDF with one comic page per PDF page, sized so the pages print at `dpi` (A4 for the default layout)."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    images = [_open(data).convert("RGB") for data in pages]
    out = BytesIO()
    stamp = EPOCH.timetuple()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=float(dpi), title=title,
                   author=author, creator="comic-builder", producer="comic-builder", creationDate=stamp,
                   modDate=stamp, quality=92, subsampling=0)  # fmt: skip
    return out.getvalue()


def page_name(index: int, count: int) -> str:
    """The archive name of the index-th page (0-based): 001.png ... zero-padded to at least three digits."""
    return f"{index + 1:0{max(3, len(str(count)))}d}.png"


def _zip(entries: Sequence[tuple[str, bytes, int]]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data, method in entries:
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = method
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    return out.getvalue()


def page_infos(pages: Sequence[bytes]) -> list[PageInfo]:
    """ComicInfo page entries for page images: index, byte size, width and height."""
    infos = []
    for index, data in enumerate(pages):
        width, height = _open(data).size
        infos.append(PageInfo(image=index, image_size=len(data), image_width=width, image_height=height))
    return infos


def export_cbz(pages: Sequence[bytes], info: ComicInfo) -> bytes:
    """A CBZ: the page PNGs as 001.png... and a ComicInfo.xml whose Pages and PageCount describe them."""
    if not pages:
        raise ValueError("a CBZ needs at least one page")
    described = info.model_copy(update={"pages": page_infos(pages)})
    # PNGs are compressed already: stored as they are; the XML is deflated.
    entries = [(page_name(i, len(pages)), data, zipfile.ZIP_STORED) for i, data in enumerate(pages)]
    entries.append(("ComicInfo.xml", comicinfo_xml(described), zipfile.ZIP_DEFLATED))
    return _zip(entries)


def export_png_zip(pages: Sequence[bytes]) -> bytes:
    """A zip of the page PNGs, 001.png..."""
    if not pages:
        raise ValueError("a zip of pages needs at least one page")
    return _zip([(page_name(i, len(pages)), data, zipfile.ZIP_STORED) for i, data in enumerate(pages)])
