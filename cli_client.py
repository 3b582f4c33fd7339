"""The `comic new|status|export|list` commands: a client of the RUNNING service, over HTTP only.

Nothing here imports the workflow or touches the database: every step is a REST call (README: API), so the same
commands work against `make run`, a compose deployment or any replica behind a proxy. Errors become one line
(`ClientError`), which `cli.py` prints to stderr with exit code 1.
"""

import json
import logging
import os
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
from rich import box
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskID, TextColumn
from rich.table import Column, Table
from rich.text import Text

PREFIX = "/api/comic-builder"
# The pipeline's phases in order, with the names a user sees.
PHASES = {
    "story": "story",
    "characters": "characters",
    "character_renders": "character sheets",
    "panels": "panels",
    "panel_renders": "panel renders",
    "pages": "pages",
}
FORMATS = ("pdf", "cbz", "png")
EXTENSIONS = {"pdf": "pdf", "cbz": "cbz", "png": "zip"}  # png is a zip of the pages
LONG_POLL = 20  # seconds a status request waits for a change (the API caps it at 30)
STREAM_RECONNECTS = 5
TIMEOUT = httpx.Timeout(60, connect=5)  # reads outlast the long poll
EXPORT_TIMEOUT = httpx.Timeout(600, connect=5)  # the export is built on demand by an activity
STREAM_TIMEOUT = httpx.Timeout(120, connect=5)  # seconds between two story lines before reconnecting


class ClientError(Exception):
    """A failure to show the user as one line (no traceback)."""


class ApiError(ClientError):
    """The API answered with an error status; the message carries its `detail`."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code


class BadStream(ClientError):
    """The story stream sent something that is not an NDJSON envelope (reconnecting would not help)."""


def slugify(text: str, fallback: str = "comic") -> str:
    """A file-system friendly name: ASCII lower case, words joined by hyphens, at most 60 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-") or fallback


def title_from(prompt: str, limit: int = 60) -> str:
    """A title for a prompt given without --title: its first words, capitalised."""
    words = " ".join(prompt.split())
    if not words:
        return "Untitled"
    if len(words) > limit:
        words = words[:limit].rsplit(" ", 1)[0] + "..."
    return words[0].upper() + words[1:]


class ComicClient:
    """The REST calls the commands make, with every failure turned into a ClientError."""

    def __init__(self, url: str, token: str, transport: httpx.BaseTransport | None = None) -> None:
        self.url = url.rstrip("/")
        token = token.strip()
        if not token.isascii() or not token.isprintable():
            raise ClientError("the token is not a JWT (it holds non-ASCII or control characters)")
        try:
            self.http = httpx.Client(
                base_url=self.url + PREFIX,
                headers={"Authorization": f"Bearer {token}", "User-Agent": "comic-cli"},
                timeout=TIMEOUT,
                transport=transport,
            )
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
            raise ClientError(f"invalid API URL {url!r}: {e}") from None

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "ComicClient":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # ---- transport --------------------------------------------------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn httpx's transport failures into one line naming the API's URL."""
        try:
            yield
        except (httpx.ConnectError, httpx.ConnectTimeout):
            raise ClientError(f"cannot reach the Comic Builder API at {self.url}: is `make run` running?") from None
        except httpx.TimeoutException as e:
            raise ClientError(
                f"the Comic Builder API at {self.url} did not answer in time ({type(e).__name__})"
            ) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
            raise ClientError(f"invalid API URL {self.url!r}: {e}") from None
        except httpx.HTTPError as e:
            raise ClientError(
                f"lost the connection to the Comic Builder API at {self.url}: {str(e) or type(e).__name__}"
            ) from None

    @staticmethod
    def _check(response: httpx.Response) -> httpx.Response:
        """`response` if it is a success (or a 304), else an ApiError with the API's `detail`."""
        if response.is_success or response.status_code == 304:
            return response
        response.read()
        detail = ""
        try:
            body = response.json()
            if isinstance(body, dict):
                detail = " ".join(str(body.get("detail") or "").split())
        except ValueError:
            pass
        code = response.status_code
        if not detail:  # not the API's error shape: a proxy, or another server at that address
            where = f"{response.request.url.scheme}://{response.request.url.netloc.decode()}"
            answer = f"HTTP {code} {response.reason_phrase}".rstrip()
            raise ApiError(code, f"{where} answered {answer} (is it the Comic Builder API?)")
        message = f"{detail} (HTTP {code})"
        if code == 401:
            message += "; mint a token with `comic token --user ID` or pass --token / TOKEN"
        raise ApiError(code, message)

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        with self._errors():
            return self._check(self.http.request(method, path, **kwargs))

    # ---- the API ----------------------------------------------------------------------------------------------

    def create_project(self, title: str, prompt: str, style: str = "western") -> dict[str, Any]:
        body = {"title": title, "prompt": prompt, "style": style}
        return dict(self._request("POST", "/projects", json=body).json())

    def delete_project(self, project_id: str) -> None:
        self._request("DELETE", f"/projects/{project_id}")

    def get_project(self, project_id: str) -> dict[str, Any]:
        return dict(self._request("GET", f"/projects/{project_id}").json())

    def list_projects(self, limit: int, offset: int = 0) -> dict[str, Any]:
        return dict(self._request("GET", "/projects", params={"limit": limit, "offset": offset}).json())

    def run(self, project_id: str) -> dict[str, Any]:
        """Start the automatic run (story, characters, sheets, panels, renders) on the project's prompt."""
        return dict(self._request("POST", f"/phase/run/{project_id}", headers={"Accept": "application/json"}).json())

    def status(self, project_id: str) -> tuple[dict[str, Any], str]:
        """The live phase status (from the workflow while it runs) and its ETag."""
        response = self._request("GET", f"/phase/status/{project_id}")
        return dict(response.json()), response.headers.get("etag", "")

    def next_status(self, project_id: str, etag: str, wait: float = LONG_POLL) -> tuple[dict[str, Any] | None, str]:
        """The status once it differs from `etag` (long poll: the API holds the request up to `wait` seconds),
        or None if nothing changed meanwhile."""
        response = self._request(
            "GET", f"/phase/status/{project_id}", headers={"If-None-Match": etag}, params={"wait": wait}
        )
        if response.status_code == 304:
            return None, etag
        return dict(response.json()), response.headers.get("etag", "")

    def story(self, project_id: str) -> Iterator[dict[str, Any]]:
        """The story's NDJSON envelopes until `done` or `error`, resuming after the last offset on a dropped stream."""
        offset, reconnects = 0, 0
        while True:
            try:
                with (
                    self._errors(),
                    self.http.stream(
                        "GET", f"/phase/story-stream/{project_id}", params={"offset": offset}, timeout=STREAM_TIMEOUT
                    ) as response,
                ):
                    self._check(response)
                    for line in response.iter_lines():
                        if not line.strip():
                            continue
                        try:
                            envelope = dict(json.loads(line))
                            if envelope["type"] != "status":
                                offset = int(envelope["offset"]) + 1
                        except (ValueError, TypeError, KeyError):
                            raise BadStream(f"the story stream sent something else: {line[:80]!r}") from None
                        yield envelope
                        if envelope.get("type") in ("done", "error"):
                            return
            except (ApiError, BadStream):
                raise
            except ClientError:
                if reconnects >= STREAM_RECONNECTS:
                    raise
            else:  # the stream ended without `done`: the API went away mid-story
                if reconnects >= STREAM_RECONNECTS:
                    raise ClientError(f"the story stream from {self.url} kept ending before the story was finished")
            reconnects += 1
            time.sleep(min(2.0, 0.25 * 2**reconnects))

    def export(self, project_id: str, fmt: str, out_dir: Path, stem: str | None = None) -> Path:
        """Download the `fmt` export into `out_dir` (as `<stem>.<ext>`, by default the slug of the title)."""
        with (
            self._errors(),
            self.http.stream(
                "GET", f"/projects/{project_id}/export", params={"format": fmt}, timeout=EXPORT_TIMEOUT
            ) as response,
        ):
            self._check(response)
            served = re.search(r'filename="([^"]+)"', response.headers.get("content-disposition", ""))
            served_stem, _, served_ext = served.group(1).rpartition(".") if served else ("", "", "")
            name = f"{stem or slugify(served_stem)}.{served_ext or EXTENSIONS[fmt]}"
            path = out_dir / name
            partial = path.with_name(path.name + ".part")
            try:
                out_dir.mkdir(parents=True, exist_ok=True)
                with open(partial, "wb") as file:
                    for chunk in response.iter_bytes():
                        file.write(chunk)
                partial.replace(path)
            except OSError as e:
                where = f" ({e.filename})" if e.filename and str(e.filename) != str(partial) else ""
                raise ClientError(f"cannot write {path}: {e.strerror or e}{where}") from None
            finally:
                with suppress(OSError):
                    partial.unlink(missing_ok=True)
        return path


# ---- output ---------------------------------------------------------------------------------------------------


def say(console: Console, text: str, style: str | None = None) -> None:
    """One line as is: no markup, no highlighting, never wrapped (paths and ids stay copyable)."""
    console.print(text, style=style, markup=False, highlight=False, soft_wrap=True)


def phase_info(name: str, phase: dict[str, Any], status: dict[str, Any]) -> str:
    """What a phase has done: `3/12` for the render phases, the count of characters or panels once extracted."""
    if phase["status"] == "error":
        return f"error: {phase.get('error') or 'failed'}"
    counts = {"characters": (len(status["characters"]), "character"), "panels": (len(status["panels"]), "panel")}
    if name in counts and phase["status"] == "completed":
        count, noun = counts[name]
        return f"{count} {noun}{'' if count == 1 else 's'}"
    if phase.get("total"):
        return f"{phase['done']}/{phase['total']}"
    return ""


class PhaseLines:
    """Progress for a pipe or a log (not a terminal): one line each time a phase's status or progress changes."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.shown: dict[str, str] = {}

    def __enter__(self) -> "PhaseLines":
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def update(self, status: dict[str, Any]) -> None:
        for name, label in PHASES.items():
            phase = status["phases"][name]
            if phase["status"] == "idle":
                continue
            info = phase_info(name, phase, status)
            line = f"{label}: {info}" if phase["status"] == "error" else f"{label}: {phase['status']} {info}".rstrip()
            if self.shown.get(name) != line:
                self.shown[name] = line
                say(self.console, line)


class PhaseTime(ProgressColumn):
    """How long a phase has been running, from when this client first saw it running (blank before)."""

    def render(self, task: Task) -> Text:
        since, until = task.fields.get("since"), task.fields.get("until")
        if since is None:
            return Text("")
        seconds = (until or time.monotonic()) - since
        return Text(f"{seconds:.0f}s" if seconds < 60 else f"{seconds // 60:.0f}m{seconds % 60:02.0f}s", "cyan")


class PhaseBars:
    """Progress on a terminal: a Rich bar per phase (it pulses while a phase without a count runs), left on screen
    when the run ends."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            TextColumn("{task.description}", table_column=Column(width=16, no_wrap=True)),
            BarColumn(bar_width=32, complete_style="yellow", finished_style="green", pulse_style="yellow"),
            TextColumn("{task.fields[state]}", table_column=Column(width=8, no_wrap=True)),
            TextColumn("{task.fields[info]}", table_column=Column(min_width=12, no_wrap=True)),
            PhaseTime(table_column=Column(width=6, no_wrap=True, justify="right")),
            console=console,
        )
        self.tasks: dict[str, TaskID] = {
            name: self.progress.add_task(label, total=1, state="waiting", info="", since=None, until=None)
            for name, label in PHASES.items()
        }

    def __enter__(self) -> "PhaseBars":
        self.progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.progress.stop()

    def update(self, status: dict[str, Any]) -> None:
        now = time.monotonic()
        for name, task_id in self.tasks.items():
            task = self.progress.tasks[task_id]
            phase = status["phases"][name]
            state, info = phase["status"], phase_info(name, phase, status)
            total = phase.get("total") or 0
            fields: dict[str, Any] = {}
            if state == "running":
                if task.fields["since"] is None:
                    fields["since"] = now
                # Without a count (story, extraction) the bar pulses.
                self.progress.update(task_id, total=total or None, completed=phase.get("done", 0))
            elif state == "completed":
                self.progress.update(task_id, total=max(total, 1), completed=max(total, 1))
            elif state == "error":
                # Cut to the terminal's width (the other columns take 68); the whole message ends the command.
                message = " ".join(str(phase.get("error") or "failed").split())
                room = max(12, self.progress.console.width - 68)
                message = message if len(message) <= room else message[: room - 3] + "..."
                info = Text(message, style="red").markup
            if state != "running" and task.fields["since"] is not None and task.fields["until"] is None:
                fields["until"] = now
            styled = {"completed": "[green]done[/]", "error": "[red]error[/]", "idle": "waiting"}.get(state, state)
            self.progress.update(task_id, state=styled, info=info, **fields)


def phase_view(console: Console) -> PhaseBars | PhaseLines:
    return PhaseBars(console) if console.is_terminal else PhaseLines(console)


def failure_of(status: dict[str, Any]) -> str | None:
    """The first phase that ended in error, as `label: message`."""
    for name, label in PHASES.items():
        phase = status["phases"][name]
        if phase["status"] == "error":
            return f"{label}: {phase.get('error') or 'failed'}"
    if status.get("story_status") == "error":
        return f"story: {status.get('story_error') or 'failed'}"
    return None


# ---- commands -------------------------------------------------------------------------------------------------


def show_story(client: ComicClient, console: Console, project_id: str) -> None:
    """Print the story as it is written (a `reset` means the provider call is retried: the text starts over)."""
    say(console, "Writing the story...", style="bold")
    write = console.file.write
    at_line_start = True
    try:
        for envelope in client.story(project_id):
            kind = envelope.get("type")
            if kind == "delta":
                text = str(envelope["data"])
                write(text)
                console.file.flush()
                if text:
                    at_line_start = text.endswith("\n")
            elif kind == "reset":
                attempt = (envelope.get("data") or {}).get("attempt", "?")
                newline = "" if at_line_start else "\n"
                write(f"{newline}[the story provider failed; starting over, attempt {attempt}]\n")
                at_line_start = True
            elif kind in ("done", "error"):
                break
    finally:  # an error line then starts a line of its own
        write("\n" if at_line_start else "\n\n")
        console.file.flush()


def follow(client: ComicClient, console: Console, project_id: str) -> dict[str, Any]:
    """Show the phases' progress until the automatic run and what it set going end (the pages are composed after
    the last render; long-polling /status with its ETag); the last status."""
    status, etag = client.status(project_id)
    view = phase_view(console)
    view.update(status)  # before the live display starts: its first frame is already current
    with view:
        while status["auto_running"] or status["busy"]:
            changed, etag = client.next_status(project_id, etag)
            if changed is not None:
                status = changed
                view.update(status)
    return status


def new(
    client: ComicClient,
    console: Console,
    prompt: str,
    title: str | None,
    out: Path | None,
    formats: list[str],
    style: str = "western",
) -> int:
    """Create a project in `style`, run it, show the story and the phases, download the exports."""
    started = time.monotonic()
    title = title or title_from(prompt)
    project = client.create_project(title, prompt, style)
    project_id = str(project["id"])
    try:
        client.run(project_id)
    except ApiError:
        # Refused before anything ran (no prompt, a quota): leave no empty project behind.
        try:
            client.delete_project(project_id)
        except ClientError:
            pass
        raise
    say(console, f'Project {project_id} "{title}" on {client.url}')
    show_story(client, console, project_id)
    status = follow(client, console, project_id)
    failure = failure_of(status)
    if failure is not None:
        raise ClientError(f"the run failed at {failure} (`comic status {project_id}` shows the details)")
    if status["phases"]["panel_renders"]["status"] != "completed":
        raise ClientError(f"the run stopped before every panel was rendered (`comic status {project_id}`)")
    out_dir = out if out is not None else Path(slugify(title))
    for fmt in formats:
        path = client.export(project_id, fmt, out_dir, stem=slugify(title))
        say(console, f"Saved {path} ({_size(path)})")
    say(console, f"Done in {time.monotonic() - started:.1f}s: project {project_id}", style="bold")
    return 0


def status(client: ComicClient, console: Console, project_id: str) -> int:
    """The project's phases as a table, with the characters and panels whose render failed."""
    project = client.get_project(project_id)
    current, _ = client.status(project_id)
    state = "running" if current["auto_running"] or current["busy"] else "idle"
    say(console, f"{project['title']} ({project_id}), version {current['version']}, {state}", style="bold")
    table = Table("Phase", "Status", "Progress", box=box.SIMPLE_HEAD, show_edge=False)
    for name, label in PHASES.items():
        phase = current["phases"][name]
        style = {"completed": "green", "error": "red", "running": "yellow"}.get(phase["status"])
        table.add_row(label, Text(phase["status"], style=style or ""), Text(phase_info(name, phase, current)))
    console.print(table)
    for entity in [*current["characters"], *current["panels"]]:
        if entity["render_status"] == "error":
            say(console, f"{entity['name']}: {entity['render_error'] or 'render failed'}", style="red")
    for page in current.get("pages", []):  # an older service has no per-page list
        say(console, page_line(page, current["panels"]))
    say(console, usage_line(project))
    return 0


def page_line(page: dict[str, Any], panels: list[dict[str, Any]]) -> str:
    """`Page 2: completed, panels 6-10`: a page's state and the panel numbers on it (as the panels list counts)."""
    number = {entity["id"]: n for n, entity in enumerate(panels, 1)}
    held = [number[i] for i in page["panel_ids"] if i in number]
    span = "no panels" if not held else f"panel {held[0]}" if len(held) == 1 else f"panels {held[0]}-{held[-1]}"
    error = f" ({page['error']})" if page.get("error") else ""
    return f"Page {page['number']}: {page['status']}{error}, {span}"


def usage_line(project: dict[str, Any]) -> str:
    """What the project's provider calls consumed, in one line (its `usage` as the API priced it)."""
    usage = project.get("usage") or {}
    tokens = usage.get("prompt_tokens", 0) + usage.get("completion_tokens", 0)
    line = (
        f"Style {project['state'].get('style', 'western')}; usage: {usage.get('llm_calls', 0)} LLM calls, "
        f"{tokens:,} tokens, {usage.get('images', 0)} images, estimated {usage.get('cost', 0):.4f} "
        f"{usage.get('currency', 'USD')}"
    )
    unpriced = usage.get("unpriced_models") or []
    return line + (f" (no price for {', '.join(unpriced)})" if unpriced else "")


def summary(phases: dict[str, Any]) -> str:
    """A project's progress in a few words: the running or failed phase, else the last one completed."""
    for name, label in PHASES.items():
        if phases[name]["status"] in ("running", "error"):
            return f"{label} {phases[name]['status']}"
    if phases["panel_renders"]["status"] == "completed":
        return "finished"
    done = [label for name, label in PHASES.items() if phases[name]["status"] == "completed"]
    return f"{done[-1]} done" if done else "new"


def list_projects(client: ComicClient, console: Console, limit: int) -> int:
    """The caller's projects, newest first."""
    page = client.list_projects(limit)
    if not page["items"]:
        say(console, 'No projects yet: `comic new "a prompt"` makes one.')
        return 0
    table = Table(
        Column("ID", no_wrap=True),
        "Title",
        Column("Progress", no_wrap=True),
        Column("Updated", no_wrap=True),
        box=box.SIMPLE_HEAD,
        show_edge=False,
    )
    for item in page["items"]:
        updated = datetime.fromisoformat(item["updated_at"]).astimezone().strftime("%Y-%m-%d %H:%M")
        table.add_row(item["id"], Text(item["title"]), summary(item["phases"]), updated)
    console.print(table)
    if page["total"] > len(page["items"]):
        say(console, f"{len(page['items'])} of {page['total']} projects (--limit shows more)")
    return 0


def export(client: ComicClient, console: Console, project_id: str, fmt: str, out: Path) -> int:
    """Download one export of the project into `out`, named after the project's title."""
    path = client.export(project_id, fmt, out)
    say(console, f"Saved {path} ({_size(path)})")
    return 0


def _size(path: Path) -> str:
    size = float(path.stat().st_size)
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def main(url: str, token: str, command: Callable[[ComicClient, Console], int]) -> int:
    """Run `command` with a client of `url`; a ClientError is one line on stderr and exit code 1."""
    logging.getLogger("httpx").setLevel(logging.WARNING)  # no "HTTP Request: ..." line per call
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        # A pipe or a CI log: tables as wide as their content (up to 160), so titles stay on one line for grep.
        console = Console(highlight=False, width=160)
    try:
        with ComicClient(url, token) as client:
            return command(client, console)
    except ClientError as e:
        print(f"comic: {e}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print("\ncomic: interrupted (a started run goes on in the service: `comic status ID`)", file=sys.stderr)
        return 130
