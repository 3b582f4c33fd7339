"""Projects REST API against a real, migrated PostgreSQL."""

import uuid

import httpx
import pytest

from tests.helpers import auth

BASE = "/api/comic-builder/projects"


async def create(api: httpx.AsyncClient, user: str, title: str = "Lighthouse", prompt: str = "") -> dict:
    response = await api.post(BASE, json={"title": title, "prompt": prompt}, headers=auth(user))
    assert response.status_code == 201, response.text
    return response.json()


async def test_create_get_update_delete(api: httpx.AsyncClient, user: str) -> None:
    project = await create(api, user, prompt="a lighthouse keeper and a sea monster")
    assert project["version"] == 1
    assert project["state"]["story"] == {
        "prompt": "a lighthouse keeper and a sea monster",
        "text": "",
        "status": "idle",
        "error": None,
        "finish_reason": None,
        "run": 0,
    }
    got = (await api.get(f"{BASE}/{project['id']}", headers=auth(user))).json()
    assert got == project

    state = got["state"]
    state["story"]["text"] = "Once upon a tide."
    response = await api.patch(
        f"{BASE}/{project['id']}", json={"version": 1, "title": "Renamed", "state": state}, headers=auth(user)
    )
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["version"] == 2
    assert updated["title"] == "Renamed"
    assert updated["state"]["story"]["text"] == "Once upon a tide."
    assert (await api.get(f"{BASE}/{project['id']}", headers=auth(user))).json() == updated

    assert (await api.delete(f"{BASE}/{project['id']}", headers=auth(user))).status_code == 204
    gone = await api.get(f"{BASE}/{project['id']}", headers=auth(user))
    assert gone.status_code == 404
    assert "not found" in gone.json()["detail"]
    assert (await api.delete(f"{BASE}/{project['id']}", headers=auth(user))).status_code == 404


async def test_list_is_paginated_newest_first_and_per_user(api: httpx.AsyncClient, user: str) -> None:
    titles = [f"Comic {i}" for i in range(5)]
    for title in titles:
        await create(api, user, title)
    await create(api, user + "-other", "Not yours")

    first = (await api.get(BASE, params={"limit": 2}, headers=auth(user))).json()
    second = (await api.get(BASE, params={"limit": 2, "offset": 2}, headers=auth(user))).json()
    third = (await api.get(BASE, params={"limit": 2, "offset": 4}, headers=auth(user))).json()
    assert first["total"] == second["total"] == third["total"] == 5
    seen = [p["title"] for page in (first, second, third) for p in page["items"]]
    assert seen == list(reversed(titles))
    assert "state" not in first["items"][0]
    assert first["items"][0]["phases"]["story"]["status"] == "idle"

    bad = await api.get(BASE, params={"limit": 0}, headers=auth(user))
    assert bad.status_code == 422
    assert "limit" in bad.json()["detail"]


async def test_stale_version_is_a_409_and_changes_nothing(api: httpx.AsyncClient, user: str) -> None:
    project = await create(api, user)
    url = f"{BASE}/{project['id']}"
    assert (await api.patch(url, json={"version": 1, "title": "First"}, headers=auth(user))).status_code == 200
    stale = await api.patch(url, json={"version": 1, "title": "Second"}, headers=auth(user))
    assert stale.status_code == 409
    assert "version 1" in stale.json()["detail"]
    current = (await api.get(url, headers=auth(user))).json()
    assert (current["title"], current["version"]) == ("First", 2)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer not-a-jwt"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        auth("someone", ttl=-10),
        {
            "Authorization": "Bearer "
            + __import__("jwt").encode({"sub": "x", "exp": 9999999999}, "wrong-secret-" + "x" * 32)
        },
    ],
    ids=["missing", "garbage", "basic", "expired", "wrong-secret"],
)
async def test_bad_or_missing_token_is_401(api: httpx.AsyncClient, headers: dict[str, str]) -> None:
    for response in (
        await api.get(BASE, headers=headers),
        await api.post(BASE, json={"title": "x"}, headers=headers),
    ):
        assert response.status_code == 401
        assert response.json()["detail"]
        assert response.headers["www-authenticate"] == "Bearer"


async def test_another_users_project_is_404_and_untouched(api: httpx.AsyncClient, user: str) -> None:
    project = await create(api, user)
    url = f"{BASE}/{project['id']}"
    intruder = auth(user + "-intruder")
    assert (await api.get(url, headers=intruder)).status_code == 404
    assert (await api.patch(url, json={"version": 1, "title": "Mine"}, headers=intruder)).status_code == 404
    assert (await api.delete(url, headers=intruder)).status_code == 404
    assert (await api.get(url, headers=auth(user))).json() == project


@pytest.mark.parametrize(
    "body",
    [
        {"version": 1, "title": ""},
        {"version": 1},
        {"title": "no version"},
        {"version": 1, "state": {"story": {"status": "finished"}}},
        {"version": 1, "state": {"unknown": True}},
        {"version": 1, "state": {"panels": [{"id": "not-a-uuid", "index": 0}]}},
        {"version": 1, "colour": "red"},
    ],
)
async def test_bad_patch_body_is_422_and_row_unchanged(api: httpx.AsyncClient, user: str, body: dict) -> None:
    project = await create(api, user)
    url = f"{BASE}/{project['id']}"
    response = await api.patch(url, json=body, headers=auth(user))
    assert response.status_code == 422, response.text
    assert isinstance(response.json()["detail"], str) and response.json()["detail"]
    assert (await api.get(url, headers=auth(user))).json() == project


async def test_malformed_id_and_body_are_422(api: httpx.AsyncClient, user: str) -> None:
    response = await api.get(f"{BASE}/not-a-uuid", headers=auth(user))
    assert response.status_code == 422
    assert "project_id" in response.json()["detail"]
    before = (await api.get(BASE, headers=auth(user))).json()["total"]
    for body in ({}, {"title": ""}, {"title": "x" * 201}, {"title": "ok", "extra": 1}):
        response = await api.post(BASE, json=body, headers=auth(user))
        assert response.status_code == 422, body
    raw = await api.post(BASE, content=b"{not json", headers={**auth(user), "content-type": "application/json"})
    assert raw.status_code == 422
    assert (await api.get(BASE, headers=auth(user))).json()["total"] == before


async def test_missing_project_is_404(api: httpx.AsyncClient, user: str) -> None:
    response = await api.get(f"{BASE}/{uuid.uuid4()}", headers=auth(user))
    assert response.status_code == 404


async def test_healthz_reports_both_dependencies(api: httpx.AsyncClient) -> None:
    response = await api.get("/healthz")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ok", "database": {"ok": True}, "temporal": {"ok": True}}


async def test_get_project_etag_304_and_a_fresh_body_after_each_change(api: httpx.AsyncClient, user: str) -> None:
    project = await create(api, user)
    url = f"{BASE}/{project['id']}"
    first = await api.get(url, headers=auth(user))
    etag = first.headers["etag"]
    assert etag.startswith('W/"1-')
    unchanged = await api.get(url, headers={**auth(user), "If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["etag"] == etag
    assert (await api.get(url, headers={**auth(user + "-x"), "If-None-Match": etag})).status_code == 404
    renamed = await api.patch(url, json={"version": 1, "title": "Renamed"}, headers=auth(user))
    assert renamed.status_code == 200
    after = await api.get(url, headers={**auth(user), "If-None-Match": etag})
    assert after.status_code == 200 and after.json()["title"] == "Renamed" and after.json()["version"] == 2
    assert after.headers["etag"].startswith('W/"2-')
    assert (await api.get(url, headers=auth(user))).content == after.content  # served from the cache, same bytes
