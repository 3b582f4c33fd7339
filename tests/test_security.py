"""Security, tried as an attacker would: edits carry user content only, renders never fetch a URL from state,
media only through signed URLs, deletion removes media, and every route refuses other users and bad tokens."""

import asyncio
import copy
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import jwt
import pytest
import socketio
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from api.main import create_app
from core.config import Settings
from devstack.ports import free_port
from domain import limits
from providers.factory import make_media_signer, make_media_store
from tests.flow import PHASE, PROJECTS, create_project, get_project, settle
from tests.helpers import JWT_SECRET, auth
from tests.test_live_output import Stack, socket_client, stack, wait_until

PROMPT = "a lighthouse keeper befriends a sea monster"


@pytest.fixture(scope="module")
async def comic(api: httpx.AsyncClient) -> dict[str, Any]:
    """A finished comic of its own user: {"user", "id", "project"}."""
    user = f"owner-{uuid.uuid4().hex[:6]}"
    project = await create_project(api, user, prompt=PROMPT)
    assert (await api.post(f"{PHASE}/run/{project['id']}", headers=auth(user))).status_code == 202
    await settle(api, user, project["id"])
    return {"user": user, "id": project["id"], "project": await get_project(api, user, project["id"])}


class Listener:
    """A loopback TCP server that only counts who connects (an SSRF target)."""

    def __init__(self) -> None:
        self.connections = 0
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/sheet.png"

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        writer.close()


@pytest.fixture
async def listener() -> AsyncIterator[Listener]:
    target = Listener()
    server = await asyncio.start_server(target._accept, "127.0.0.1", target.port)
    async with server:
        yield target


async def patch_state(api: httpx.AsyncClient, comic: dict[str, Any], state: dict[str, Any]) -> httpx.Response:
    project = await get_project(api, comic["user"], comic["id"])
    body = {"version": project["version"], "state": state}
    return await api.patch(f"{PROJECTS}/{comic['id']}", json=body, headers=auth(comic["user"]))


def first_character(state: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    key = next(k for k, c in state["characters"].items() if c["artifact"])
    return key, state["characters"][key]


def tamperings(state: dict[str, Any], foreign_key: str, url: str) -> list[tuple[str, dict[str, Any]]]:
    """(expected field, edited state) for each pipeline-owned field an attacker might change."""
    cases: list[tuple[str, dict[str, Any]]] = []

    def case(field: str, change: Any) -> None:
        edited = copy.deepcopy(state)
        change(edited)
        cases.append((field, edited))

    key, _ = first_character(state)
    at = f"state.characters.{key}"
    case(f"{at}.artifact.url", lambda s: s["characters"][key]["artifact"].update(url=url))
    case(f"{at}.artifact", lambda s: s["characters"][key]["artifact"].update(key=foreign_key, url=None))
    case(f"{at}.history", lambda s: s["characters"][key]["history"].append(s["characters"][key]["artifact"]))
    case(f"{at}.render_status", lambda s: s["characters"][key].update(render_status="pending"))
    case(f"{at}.render_error", lambda s: s["characters"][key].update(render_error="boom"))
    case(f"{at}.id", lambda s: s["characters"][key].update(id=str(uuid.uuid4())))
    case("state.panels[0].artifact", lambda s: s["panels"][0].update(artifact=None))
    case("state.panels[0].id", lambda s: s["panels"][0].update(id=str(uuid.uuid4())))
    case("state.story.status", lambda s: s["story"].update(status="idle"))
    case("state.story.run", lambda s: s["story"].update(run=7))
    case("state.story.finish_reason", lambda s: s["story"].update(finish_reason="length"))
    case("state.phases", lambda s: s["phases"]["panel_renders"].update(status="idle"))
    case("state.usage", lambda s: s["usage"].update(prompt_tokens=0))
    case("state.panels[1].characters", lambda s: s["panels"][1].update(characters=["Nobody Atall"]))
    # A "new" panel smuggling in a render.
    case(f"state.panels[{len(state['panels'])}].", lambda s: s["panels"].append({**s["panels"][0], "id": None}))
    return cases


async def test_edits_carry_user_content_only(
    api: httpx.AsyncClient, comic: dict[str, Any], listener: Listener, settings: Settings
) -> None:
    before = await get_project(api, comic["user"], comic["id"])
    # Another user's sheet, by key: the pipeline owns artifacts, so it can never be swapped in.
    other = f"{uuid.uuid4()}/characters/{uuid.uuid4()}-{uuid.uuid4()}.png"
    for field, edited in tamperings(before["state"], other, listener.url):
        response = await patch_state(api, comic, edited)
        assert response.status_code == 422, (field, response.text)
        assert field in response.json()["detail"], (field, response.json()["detail"])
        assert await get_project(api, comic["user"], comic["id"]) == before, field  # the row is unchanged

    # The document as read round-trips unchanged (signed URLs and all), and user content does change.
    state = copy.deepcopy(before["state"])
    key, hero = first_character(state)
    hero["brief"] = "Edited by hand."
    state["panels"][0]["dialogue"] = "A new line."
    response = await patch_state(api, comic, state)
    assert response.status_code == 200, response.text
    after = response.json()["state"]
    assert after["characters"][key]["brief"] == "Edited by hand."
    assert after["characters"][key]["artifact"]["key"] == hero["artifact"]["key"]
    assert after["panels"][0]["dialogue"] == "A new line."
    # The pipeline's phases are untouched, but for the pages: the edited dialogue's page is stale (composed again).
    assert {**after["phases"], "pages": None} == {**before["state"]["phases"], "pages": None}

    # A render afterwards composites the project's own sheets: the listener never hears from the worker.
    panel = next(p for p in after["panels"] if p["characters"])
    render = await api.post(
        f"{PHASE}/render-panel/{comic['id']}", json={"panel_id": panel["id"]}, headers=auth(comic["user"])
    )
    assert render.status_code == 202, render.text
    await settle(api, comic["user"], comic["id"])
    rendered = next(
        p for p in (await get_project(api, comic["user"], comic["id"]))["state"]["panels"] if p["id"] == panel["id"]
    )
    assert rendered["render_status"] == "completed" and len(rendered["history"]) == len(panel["history"]) + 1
    assert rendered["artifact"]["key"].startswith(f"{comic['id']}/panels/")
    assert listener.connections == 0


async def test_edits_add_remove_and_reorder_with_server_ids(api: httpx.AsyncClient, user: str) -> None:
    project = await create_project(api, user, prompt=PROMPT)
    url = f"{PROJECTS}/{project['id']}"
    story = {"text": "Mira met Grendlow on the cliff. They became friends."}
    characters = {"new-1": {"name": "Mira Vale", "role": "protagonist"}, "new-2": {"name": "Grendlow"}}
    panels = [
        {"background": "the cliff", "characters": ["mira vale"], "dialogue": "Hello!"},
        {"background": "the sea", "characters": ["Grendlow"]},
    ]
    body = {"version": 1, "state": {"story": story, "characters": characters, "panels": panels}}
    response = await api.patch(url, json=body, headers=auth(user))
    assert response.status_code == 200, response.text
    state = response.json()["state"]
    assert state["story"]["status"] == "completed"  # a story written by hand is a story the next phases can use
    assert {c["name"] for c in state["characters"].values()} == {"Mira Vale", "Grendlow"}
    assert all(key == c["id"] and key not in ("new-1", "new-2") for key, c in state["characters"].items())
    assert [p["characters"] for p in state["panels"]] == [["Mira Vale"], ["Grendlow"]]  # the cast's spelling
    first, second = state["panels"]

    # Reorder and remove by sending the list as wanted; ids travel with their panels.
    reordered = {"version": response.json()["version"], "state": {"panels": [second, first]}}
    response = await api.patch(url, json=reordered, headers=auth(user))
    assert response.status_code == 200, response.text
    assert [(p["id"], p["index"]) for p in response.json()["state"]["panels"]] == [(second["id"], 0), (first["id"], 1)]

    # Removing a character a panel still shows is refused, naming the panel.
    grendlow = next(k for k, c in state["characters"].items() if c["name"] == "Grendlow")
    cast = {k: c for k, c in response.json()["state"]["characters"].items() if k != grendlow}
    removal = {"version": response.json()["version"], "state": {"characters": cast}}
    refused = await api.patch(url, json=removal, headers=auth(user))
    assert refused.status_code == 422 and "state.panels[0].characters" in refused.json()["detail"]
    assert "Grendlow" in refused.json()["detail"]


@pytest.mark.parametrize(
    ("field", "body"),
    [
        ("title", {"title": "t" * (limits.TITLE_MAX + 1)}),
        ("state.story.prompt", {"state": {"story": {"prompt": "p" * (limits.PROMPT_MAX + 1)}}}),
        ("state.story.text", {"state": {"story": {"text": "w" * (limits.STORY_TEXT_MAX + 1)}}}),
        ("state.panels", {"state": {"panels": [{"background": "b"}] * (limits.PANELS_MAX + 1)}}),
        ("state.panels.0.dialogue", {"state": {"panels": [{"dialogue": "d" * (limits.DIALOGUE_MAX + 1)}]}}),
        ("state.panels.0.background", {"state": {"panels": [{"background": "b" * (limits.BACKGROUND_MAX + 1)}]}}),
        ("state.characters", {"state": {"characters": [{"name": f"N{i}"} for i in range(limits.CHARACTERS_MAX + 1)]}}),
        (
            "state.characters.list[CharacterEdit].0.name",
            {"state": {"characters": [{"name": "n" * (limits.NAME_MAX + 1)}]}},
        ),
    ],
)
async def test_each_limit_is_a_422_naming_its_field(
    api: httpx.AsyncClient, user: str, field: str, body: dict[str, Any]
) -> None:
    project = await create_project(api, user)
    response = await api.patch(f"{PROJECTS}/{project['id']}", json={"version": 1, **body}, headers=auth(user))
    assert response.status_code == 422, response.text
    assert field in response.json()["detail"], response.json()["detail"]
    assert await get_project(api, user, project["id"]) == project


async def test_limits_are_in_the_openapi_schema(api: httpx.AsyncClient) -> None:
    schemas = (await api.get("/openapi.json")).json()["components"]["schemas"]
    assert schemas["ProjectCreate"]["properties"]["prompt"]["maxLength"] == limits.PROMPT_MAX
    assert schemas["StoryEdit"]["properties"]["text"]["anyOf"][0]["maxLength"] == limits.STORY_TEXT_MAX
    assert schemas["PanelEdit"]["properties"]["dialogue"]["anyOf"][0]["maxLength"] == limits.DIALOGUE_MAX
    assert schemas["StateEdit"]["properties"]["panels"]["anyOf"][0]["maxItems"] == limits.PANELS_MAX


async def test_media_only_through_signed_urls(
    api: httpx.AsyncClient, comic: dict[str, Any], settings: Settings
) -> None:
    _, hero = first_character(comic["project"]["state"])
    url = hero["artifact"]["url"]
    key = hero["artifact"]["key"]
    path = url[url.index("/media/") :]
    served = await api.get(path)  # no Authorization header: an <img src> works with the URL alone
    assert served.status_code == 200 and served.content.startswith(b"\x89PNG")
    signer = make_media_signer(settings)
    exp = int(path.split("exp=")[1].split("&")[0])
    stripped = f"/media/{key}"
    tampered = path[:-1] + ("0" if path[-1] != "0" else "1")
    other_key = path.replace(key, key.replace(".png", "-x.png"))
    past = int(time.time()) - 5
    expired = f"/media/{key}?exp={past}&sig={signer._signature(key, past)}"
    longer = f"/media/{key}?exp={exp + 10}&sig={path.split('sig=')[1]}"
    for bad in (stripped, tampered, other_key, expired, longer):
        refused = await api.get(bad, headers=auth(comic["user"]))  # even with the owner's token
        assert refused.status_code == 403, bad
        assert "detail" in refused.json()


async def test_deleting_a_project_deletes_its_media(api: httpx.AsyncClient, user: str, settings: Settings) -> None:
    project = await create_project(api, user, prompt=PROMPT)
    pid = project["id"]
    assert (await api.post(f"{PHASE}/run/{pid}", headers=auth(user))).status_code == 202
    await settle(api, user, pid)
    state = (await get_project(api, user, pid))["state"]
    urls = [c["artifact"]["url"] for c in state["characters"].values()] + [
        p["artifact"]["url"] for p in state["panels"]
    ]
    assert urls and all([(await api.get(u[u.index("/media/") :])).status_code == 200 for u in urls])
    store = make_media_store(settings)

    assert (await api.delete(f"{PROJECTS}/{pid}", headers=auth(user))).status_code == 204
    assert (await api.get(f"{PROJECTS}/{pid}", headers=auth(user))).status_code == 404
    deadline = time.monotonic() + 15
    while any([await store.load(u[u.index("/media/") + 7 :].split("?")[0]) is not None for u in urls]):
        assert time.monotonic() < deadline, "media still stored 15 s after the project was deleted"
        await asyncio.sleep(0.2)
    for u in urls:
        assert (await api.get(u[u.index("/media/") :])).status_code == 404


# ---- the authorization matrix --------------------------------------------------------------------------------

USAGE = "/api/comic-builder/usage"


def bad_tokens(user: str) -> dict[str, str]:
    """Tokens a careless or hostile client might send, each of which must be refused."""
    now = int(time.time())
    claims = {"sub": user, "iat": now, "exp": now + 600}
    unsigned = jwt.encode(claims, key=None, algorithm="none")  # type: ignore[arg-type]
    return {
        "missing": "",
        "garbage": "Bearer not-a-token",
        "expired": "Bearer " + jwt.encode({**claims, "exp": now - 10}, JWT_SECRET, algorithm="HS256"),
        "forged": "Bearer " + jwt.encode(claims, "someone-elses-secret-of-32-bytes!!", algorithm="HS256"),
        "alg-none": "Bearer " + unsigned,
        "wrong-aud": "Bearer " + jwt.encode({**claims, "aud": "another-service"}, JWT_SECRET, algorithm="HS256"),
        "no-sub": "Bearer " + jwt.encode({"exp": now + 600}, JWT_SECRET, algorithm="HS256"),
    }


def routes(pid: str, character: str, panel: str) -> list[tuple[str, str, dict[str, Any] | None]]:
    """Every REST route a project's owner uses, with a request for each (method, path, JSON body)."""
    p = PHASE
    return [
        ("GET", f"{PROJECTS}/{pid}", None),
        ("GET", f"{PROJECTS}/{pid}/export", None),
        ("PATCH", f"{PROJECTS}/{pid}", {"version": 1, "title": "Mine now"}),
        ("GET", f"{p}/status/{pid}", None),
        ("GET", f"{p}/story-stream/{pid}", None),
        ("POST", f"{p}/generate-story/{pid}", {"prompt": "x"}),
        ("GET", f"{p}/extract-characters/{pid}", None),
        ("POST", f"{p}/extract-characters/{pid}", None),
        ("POST", f"{p}/render-character/{pid}", {"character_id": character}),
        ("POST", f"{p}/render-all-characters/{pid}", None),
        ("GET", f"{p}/generate-panels/{pid}", None),
        ("POST", f"{p}/generate-panels/{pid}", None),
        ("POST", f"{p}/render-panel/{pid}", {"panel_id": panel}),
        ("POST", f"{p}/render-all-panels/{pid}", None),
        ("POST", f"{p}/compose-pages/{pid}", None),
        ("POST", f"{p}/run/{pid}", None),
        ("POST", f"{p}/restore/{pid}", {"previous_id": str(uuid.UUID(int=7))}),
        ("DELETE", f"{PROJECTS}/{pid}", None),
    ]


def test_the_matrix_covers_every_route(settings: Settings) -> None:
    paths = create_app(settings).openapi()["paths"]
    served = {
        (method.upper(), path)
        for path, operations in paths.items()
        for method in operations
        # Public, signed-URL only (tested above), and the admin routes (their role matrix is in test_admin.py).
        if path not in ("/healthz", "/media/{key}") and not path.startswith("/api/comic-builder/admin/")
    }
    covered = {(m, path.replace("PID", "{project_id}")) for m, path, _ in routes("PID", "C", "P")}
    covered |= {("GET", PROJECTS), ("POST", PROJECTS), ("GET", USAGE)}  # scoped to the caller, checked below
    assert served == covered


async def test_authorization_matrix(api: httpx.AsyncClient, comic: dict[str, Any]) -> None:
    pid, owner = comic["id"], comic["user"]
    state = comic["project"]["state"]
    character, panel = next(iter(state["characters"])), state["panels"][0]["id"]
    stranger = auth(f"stranger-{uuid.uuid4().hex[:6]}")
    before = await get_project(api, owner, pid)
    for method, path, body in routes(pid, character, panel):
        for name, header in bad_tokens(owner).items():
            headers = {"Authorization": header} if header else {}
            response = await api.request(method, path, json=body, headers={**headers, "Accept": "application/json"})
            assert response.status_code == 401, (method, path, name, response.text)
            assert response.json()["detail"]
        response = await api.request(method, path, json=body, headers={**stranger, "Accept": "application/json"})
        assert response.status_code == 404, (method, path, response.text)
    # Nothing the others sent changed the owner's project, and listings are scoped to the caller.
    assert await get_project(api, owner, pid) == before
    listed = (await api.get(PROJECTS, headers=stranger)).json()
    assert pid not in {p["id"] for p in listed["items"]}
    usage = (await api.get(USAGE, headers=stranger)).json()
    assert pid not in {p["id"] for p in usage["projects"]}
    assert pid in {p["id"] for p in (await api.get(USAGE, headers=auth(owner))).json()["projects"]}
    for name, header in bad_tokens(owner).items():
        headers = {"Authorization": header} if header else {}
        assert (await api.get(PROJECTS, headers=headers)).status_code == 401, name
        assert (await api.get(USAGE, headers=headers)).status_code == 401, name
    # The owner is served on every route (a phase may be refused as busy, never as unauthorised).
    for i, _ in enumerate(routes(pid, character, panel)[:-1]):  # all but DELETE
        # Ids as they are now: an earlier phase may have replaced the cast or the panels.
        state = (await get_project(api, owner, pid))["state"]
        method, path, body = routes(pid, next(iter(state["characters"])), state["panels"][0]["id"])[i]
        response = await api.request(method, path, json=body, headers={**auth(owner), "Accept": "application/json"})
        nothing_kept = response.status_code == 404 and "Nothing replaced" in response.json()["detail"]
        assert response.status_code in (200, 202, 409) or nothing_kept, (method, path, response.text)
        await settle(api, owner, pid)


@pytest.fixture(scope="module")
async def sockets(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[Stack]:
    async with stack(temporal_client, settings, sessions) as s:
        yield s


async def test_socketio_refuses_bad_tokens_and_others_and_ends_on_delete(sockets: Stack, user: str) -> None:
    project = await create_project(sockets.http, user, prompt=PROMPT)
    pid = project["id"]
    for name, header in bad_tokens(user).items():
        client = socketio.AsyncClient(reconnection=False)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await client.connect(sockets.url, auth={"token": header[7:]}, transports=["websocket"])
        assert not client.connected, name
    stranger = await socket_client(sockets.url, f"stranger-{uuid.uuid4().hex[:6]}")
    owner = await socket_client(sockets.url, user)
    deleted: list[dict[str, Any]] = []
    owner.on("project.deleted", lambda data: deleted.append(data))
    try:
        assert (await stranger.call("subscribe", {"project_id": pid}))["ok"] is False
        assert (await owner.call("subscribe", {"project_id": pid}))["ok"] is True
        assert (await sockets.http.delete(f"{PROJECTS}/{pid}", headers=auth(user))).status_code == 204
        await wait_until(lambda: deleted)
        assert deleted == [{"project_id": pid}]
        # The room is closed: the owner can no longer subscribe to it either.
        assert (await owner.call("subscribe", {"project_id": pid}))["ok"] is False
    finally:
        await owner.disconnect()
        await stranger.disconnect()


def test_signed_urls_point_where_the_api_listens_unless_told_otherwise() -> None:
    assert Settings(api_port=8123).public_base_url == "http://localhost:8123"
    assert Settings(api_host="comics.internal", api_port=80).public_base_url == "http://comics.internal:80"
    explicit = Settings(public_base_url="https://comics.example.com", api_port=8123)
    assert (
        make_media_signer(explicit).url(f"{uuid.uuid4()}/panels/a.png").startswith("https://comics.example.com/media/")
    )
