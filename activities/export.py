"""The finished comic: the composed pages (activities.pages) exported as PDF, CBZ or a zip of PNG pages."""

import asyncio
from datetime import UTC, datetime

from temporalio import activity

from activities.rendering import load_own
from comics.comicinfo import ComicInfo
from comics.export import compose_page, export_cbz, export_pdf, export_png_zip
from comics.layout import layout_comic
from contracts.activities import ExportInput
from domain.artifact import Artifact
from providers.media_store import MediaStore

MEDIA_TYPES = {"pdf": "application/pdf", "cbz": "application/vnd.comicbook+zip", "png": "application/zip"}
EXTENSIONS = {"pdf": "pdf", "cbz": "cbz", "png": "zip"}
MISSING_PANEL = "MissingPanelRender"
MISSING_PAGE = "MissingPage"


def build_export(request: ExportInput, panels: list[bytes]) -> bytes:
    """The export file from the panels' images laid out on the fly, unlettered (runs from before pages were a
    phase; CPU-bound: runs in a thread)."""
    layouts = layout_comic(["normal"] * len(panels))
    pages = [
        compose_page(
            layout,
            [panels[slot.panel] for slot in layout.panels],
            title=request.title if layout.title_box is not None else None,
            page_number=layout.number,
        )
        for layout in layouts
    ]
    return export_pages(request, pages)


def export_pages(request: ExportInput, pages: list[bytes]) -> bytes:
    """The export file from the composed pages' images, in order (CPU-bound: runs in a thread)."""
    if request.format == "pdf":
        return export_pdf(pages, title=request.title, author=request.writer)
    if request.format == "cbz":
        info = ComicInfo(
            title=request.title,
            series=request.title,
            summary=request.summary,
            writer=request.writer,
            penciller=request.penciller,
            language_iso=request.language,
            characters=request.characters,
        )
        return export_cbz(pages, info)
    return export_png_zip(pages)


class ExportActivities:
    """Exports built from the project's own media store, stored beside its renders."""

    def __init__(self, media: MediaStore) -> None:
        self.media = media

    @activity.defn(name="export_comic")
    async def export_comic(self, request: ExportInput) -> Artifact:
        """Export the composed pages (or lay the panels out on the fly), store the file; its Artifact."""
        key = f"{request.project_id}/exports/{request.export_id}.{EXTENSIONS[request.format]}"
        if request.page_keys:
            pages = [await self._page(request, n, page_key) for n, page_key in enumerate(request.page_keys)]
            return await self._store(request, key, await asyncio.to_thread(export_pages, request, pages))
        panels = [
            await load_own(
                self.media,
                panel_key,
                f"{request.project_id}/panels/",
                error_type=MISSING_PANEL,
                foreign=f"panel {n + 1} is not this project's",
                missing=f"the render of panel {n + 1} is missing from the media store",
            )
            for n, panel_key in enumerate(request.panel_keys)
        ]
        return await self._store(request, key, await asyncio.to_thread(build_export, request, panels))

    async def _page(self, request: ExportInput, n: int, key: str) -> bytes:
        return await load_own(
            self.media,
            key,
            f"{request.project_id}/pages/",
            error_type=MISSING_PAGE,
            foreign=f"page {n + 1} is not this project's",
            missing=f"page {n + 1} is missing from the media store",
        )

    async def _store(self, request: ExportInput, key: str, data: bytes) -> Artifact:
        await self.media.save(key, data, MEDIA_TYPES[request.format])
        return Artifact(
            key=key,
            media_type=MEDIA_TYPES[request.format],
            model="comic-builder/export",
            created_at=datetime.now(UTC),
        )
