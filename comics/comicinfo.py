"""ComicInfo.xml, the metadata comic readers (Komga, Kavita, ComicRack...) read from a CBZ: Anansi schema v2.0."""

import xml.etree.ElementTree as ET
from typing import Literal

from pydantic import Field

from domain.base import StrictModel

PageType = Literal["FrontCover", "InnerCover", "Story", "BackCover", "Other"]

# The schema is a sequence: elements must come in exactly this order (the subset this service fills in).
_ORDER = ("Title", "Series", "Number", "Summary", "Notes", "Year", "Month", "Day", "Writer", "Penciller",
          "Letterer", "Publisher", "Genre", "Web", "PageCount", "LanguageISO", "BlackAndWhite", "Manga",
          "Characters")  # fmt: skip


class PageInfo(StrictModel):
    """One image of the archive, by its position (0-based, as the schema counts)."""

    image: int = Field(ge=0)
    type: PageType = "Story"
    image_size: int = Field(default=0, ge=0, description="Bytes of the image file")
    image_width: int = Field(gt=0)
    image_height: int = Field(gt=0)


class ComicInfo(StrictModel):
    """What a reader shows about the comic; empty fields are left out of the XML."""

    title: str = ""
    series: str = ""
    number: str = ""
    summary: str = ""
    notes: str = ""
    year: int | None = Field(default=None, ge=1, le=9999)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    writer: str = ""
    penciller: str = ""
    letterer: str = ""
    publisher: str = ""
    genre: str = ""
    web: str = ""
    language_iso: str = Field(default="en", description="ISO language code of the text, e.g. 'en', 'ja'")
    black_and_white: Literal["Unknown", "No", "Yes"] = "No"
    manga: Literal["Unknown", "No", "Yes", "YesAndRightToLeft"] = "No"
    characters: list[str] = Field(default_factory=list)
    pages: list[PageInfo] = Field(default_factory=list)


def _values(info: ComicInfo) -> dict[str, str]:
    raw: dict[str, object] = {
        "Title": info.title, "Series": info.series, "Number": info.number, "Summary": info.summary,
        "Notes": info.notes, "Year": info.year, "Month": info.month, "Day": info.day, "Writer": info.writer,
        "Penciller": info.penciller, "Letterer": info.letterer, "Publisher": info.publisher, "Genre": info.genre,
        "Web": info.web, "PageCount": len(info.pages), "LanguageISO": info.language_iso,
        "BlackAndWhite": info.black_and_white, "Manga": info.manga, "Characters": ", ".join(info.characters),
    }  # fmt: skip
    return {name: str(value) for name, value in raw.items() if value not in (None, "")}


def comicinfo_xml(info: ComicInfo) -> bytes:
    """The ComicInfo.xml document, UTF-8, elements in the schema's order; the same info gives the same bytes."""
    root = ET.Element("ComicInfo", {
        "xmlns:xsd": "http://www.w3.org/2001/XMLSchema",
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    })  # fmt: skip
    values = _values(info)
    for name in _ORDER:
        if name in values:
            ET.SubElement(root, name).text = values[name]
    if info.pages:
        pages = ET.SubElement(root, "Pages")
        for page in info.pages:
            attributes = {"Image": str(page.image)}
            if page.type != "Story":
                attributes["Type"] = page.type
            attributes.update({"ImageSize": str(page.image_size), "ImageWidth": str(page.image_width),
                               "ImageHeight": str(page.image_height)})  # fmt: skip
            ET.SubElement(pages, "Page", attributes)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
