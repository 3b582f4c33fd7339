"""The finished comic exported through the API: PDF pages, a CBZ whose ComicInfo.xml is valid, a zip of PNGs."""

import io
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest
import xmlschema
from PIL import Image
from pypdf import PdfReader

from tests.flow import PHASE, PROJECTS, create_project, settle
from tests.helpers import auth

XSD = Path(__file__).parent / "data" / "ComicInfo-v2.0.xsd"


@pytest.fixture(scope="module")
async def finished(api: httpx.AsyncClient) -> dict[str, Any]:
    user = "exporter"
    project = await create_project(
        api, user, title="The Lighthouse", prompt="a lighthouse keeper befriends a sea monster"
    )
    assert (await api.post(f"{PHASE}/run/{project['id']}", headers=auth(user))).status_code == 202
    await settle(api, user, project["id"])
    state = (await api.get(f"{PROJECTS}/{project['id']}", headers=auth(user))).json()["state"]
    return {"user": user, "id": project["id"], "panels": len(state["panels"]), "pages": state["pages"]}


async def export(api: httpx.AsyncClient, comic: dict[str, Any], fmt: str) -> httpx.Response:
    return await api.get(f"{PROJECTS}/{comic['id']}/export", params={"format": fmt}, headers=auth(comic["user"]))


async def test_pdf_has_one_comic_page_per_pdf_page(api: httpx.AsyncClient, finished: dict[str, Any]) -> None:
    response = await export(api, finished, "pdf")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert 'filename="The Lighthouse.pdf"' in response.headers["content-disposition"]
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == len(finished["pages"]) >= 2, "one PDF page per composed page"


async def test_cbz_pages_and_a_valid_comicinfo(api: httpx.AsyncClient, finished: dict[str, Any]) -> None:
    response = await export(api, finished, "cbz")
    assert response.status_code == 200, response.text
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    pages = sorted(n for n in names if n.endswith(".png"))
    assert names == [*pages, "ComicInfo.xml"] or set(names) == {*pages, "ComicInfo.xml"}
    assert pages == [f"{n:03d}.png" for n in range(1, len(finished["pages"]) + 1)]
    xml = archive.read("ComicInfo.xml")
    xmlschema.XMLSchema(str(XSD)).validate(io.BytesIO(xml))
    info = xmlschema.XMLSchema(str(XSD)).to_dict(io.BytesIO(xml))
    assert info["Title"] == "The Lighthouse" and int(info["PageCount"]) == len(pages)
    first = Image.open(io.BytesIO(archive.read(pages[0])))
    assert info["Pages"]["Page"][0]["@ImageWidth"] == first.width
    # The pages exported are the stored, lettered pages, byte for byte.
    stored = finished["pages"][0]["artifact"]["url"]
    assert archive.read(pages[0]) == (await api.get(stored[stored.index("/media/") :])).content


async def test_png_is_a_zip_of_pages_and_the_export_waits_for_renders(
    api: httpx.AsyncClient, finished: dict[str, Any], user: str
) -> None:
    response = await export(api, finished, "png")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    assert all(n.endswith(".png") for n in zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    # Another user's comic is not found; a comic without rendered panels is a 409 that says why.
    assert (await api.get(f"{PROJECTS}/{finished['id']}/export", headers=auth(user))).status_code == 404
    bare = await create_project(api, user, title="Bare")
    refused = await api.get(f"{PROJECTS}/{bare['id']}/export", headers=auth(user))
    assert refused.status_code == 409 and "no panels yet" in refused.json()["detail"]
    edit = {"version": 1, "state": {"panels": [{"background": "a cliff"}, {"background": "the sea"}]}}
    assert (await api.patch(f"{PROJECTS}/{bare['id']}", json=edit, headers=auth(user))).status_code == 200
    refused = await api.get(f"{PROJECTS}/{bare['id']}/export", headers=auth(user))
    assert refused.status_code == 409 and "Panels 1, 2 have no render yet" in refused.json()["detail"]
    assert (
        await api.get(f"{PROJECTS}/{bare['id']}/export", params={"format": "gif"}, headers=auth(user))
    ).status_code == 422


async def test_a_panel_whose_characters_have_no_sheet_fails_naming_them(api: httpx.AsyncClient, user: str) -> None:
    project = await create_project(api, user, title="Sheetless")
    state = {
        "characters": [{"name": "Mira Vale"}, {"name": "Grendlow", "character_type": "creature"}],
        "panels": [{"background": "the cliff", "characters": ["Mira Vale", "Grendlow"], "dialogue": "Hello!"}],
    }
    edited = await api.patch(f"{PROJECTS}/{project['id']}", json={"version": 1, "state": state}, headers=auth(user))
    assert edited.status_code == 200, edited.text
    panel = edited.json()["state"]["panels"][0]
    response = await api.post(
        f"{PHASE}/render-panel/{project['id']}", json={"panel_id": panel["id"]}, headers=auth(user)
    )
    assert response.status_code == 202
    await settle(api, user, project["id"])
    after = (await api.get(f"{PROJECTS}/{project['id']}", headers=auth(user))).json()["state"]["panels"][0]
    assert after["render_status"] == "error" and after["artifact"] is None
    assert "Mira Vale" in after["render_error"] and "Grendlow" in after["render_error"]


async def test_a_title_in_any_script_downloads(api: httpx.AsyncClient, finished: dict[str, Any]) -> None:
    url = f"{PROJECTS}/{finished['id']}"
    version = (await api.get(url, headers=auth(finished["user"]))).json()["version"]
    edit = {"version": version, "title": "Ωmega Café 灯台"}
    assert (await api.patch(url, json=edit, headers=auth(finished["user"]))).status_code == 200
    response = await export(api, finished, "pdf")
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]  # an ASCII filename, and the real one per RFC 5987
    assert "filename*=UTF-8''%CE%A9mega%20Caf%C3%A9%20%E7%81%AF%E5%8F%B0.pdf" in disposition
    assert disposition.isascii()
