"""One browser-like session on `/_stcore/stream`: a cold deep link, then filter changes across pages, each run
timed from its `rerun_script` BackMsg to the server's `script_finished`, and checked for errors and the wrong view."""

from __future__ import annotations

import contextlib
import http.client
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

# Imported once, up front: importing these in 150 session threads at once made 137 sessions fail with
# "ImportError: cannot import name 'BackMsg'" (a thread saw a module another thread was still initialising).
import websocket
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

MAX_RECONNECTS = 3
REPLICA_COOKIE = "STREPLICA"  # the cookie deploy/haproxy.cfg inserts
SIDEBAR = 1  # delta_path[0] of an element in the sidebar

# (url path of the page, query string): filter changes a reader makes, all valid for the sample data.
DEFAULT_PLAN: tuple[tuple[str, str], ...] = (
    ("compare", "issue=surveillance&party=anthropic"),
    ("disagreements", "issue=autonomous_weapons"),
    ("timeline", "as_of=2026-03-01"),
    ("", "issue=surveillance&issue=autonomous_weapons"),
    ("sources", "kind=primary"),
    ("compare", "party=anthropic&party=dod&as_of=2026-03-01"),
    ("about", ""),
)


@dataclass
class RunRecord:
    session: int
    index: int
    page: str
    query: str
    ms: float | None = None
    error: str | None = None
    replica: str | None = None  # behind the proxy: the replica cookie the run was sent with
    shown: str | None = None  # the share link the page rendered: the view the reader sees
    reconnected: bool = False  # the first run after the session lost its socket and reconnected
    lost: str | None = None  # the socket failed during this run; it was sent again after reconnecting


@dataclass
class SessionOutcome:
    session: int
    runs: list[RunRecord] = field(default_factory=list)
    error: str | None = None  # a failure that ended the session early (connect, disconnect, timeout)
    reconnects: int = 0  # sockets lost during a run and opened again
    reloads: int = 0  # failed attempts to open the page before it opened


class _Deadline(Exception):
    pass


def _rerun_msg(query: str, page_name: str, page_hash: str) -> bytes:
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page_name
    msg.rerun_script.page_script_hash = page_hash
    return msg.SerializeToString()


def _element_problem(element) -> tuple[str | None, str | None]:
    """(error, notice) described by one new element, if any."""
    kind = element.WhichOneof("type")
    if kind == "exception":
        return f"exception: {element.exception.type}: {element.exception.message[:200]}", None
    if kind == "alert":
        if element.alert.format == Alert.ERROR:
            return f"error alert: {element.alert.body[:200]}", None
        if element.alert.format == Alert.WARNING:
            return None, element.alert.body[:200]
    return None, None


def _filters(query: str) -> dict[str, list[str]]:
    """A query string's values per key, comma lists split, in order-free form."""
    values = parse_qs(query, keep_blank_values=True)
    return {key: sorted(v for item in items for v in item.split(",")) for key, items in values.items()}


def view_problem(page: str, query: str, shown: str | None) -> str | None:
    """Why the share link a page rendered is not the view its URL asked for (page and filters), if it is not."""
    if shown is None:
        return "no share link on the page"
    link = urlsplit(shown)
    shown_page = link.path.rstrip("/").rsplit("/", 1)[-1]
    if shown_page != page or _filters(link.query) != _filters(query):
        return f"wrong view: asked for /{page}?{query}, the page shows {shown[:200]}"
    return None


def _one_run(ws, record: RunRecord, page_hash: str, expected_hash: str | None, timeout: float, deadline: float):
    """Send one rerun and read ForwardMsgs to its script_finished. Returns the page map seen (url path -> hash)."""
    pages: dict[str, str] = {}
    ran_hash: str | None = None
    problems: list[str] = []
    started = time.perf_counter()
    ws.send_binary(_rerun_msg(record.query, record.page, page_hash))
    run_deadline = min(time.monotonic() + timeout, deadline)
    while True:
        remaining = run_deadline - time.monotonic()
        if remaining <= 0:
            raise _Deadline("timeout waiting for script_finished")
        ws.settimeout(remaining)
        try:
            data = ws.recv()
        except websocket.WebSocketTimeoutException:
            raise _Deadline("timeout waiting for script_finished") from None
        if not isinstance(data, bytes):
            continue
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            error, notice = _element_problem(element)
            if error:
                problems.append(error)
            if notice:
                problems.append(f"unexpected notice: {notice}")
            in_sidebar = msg.metadata.delta_path[:1] == [SIDEBAR]
            if element.WhichOneof("type") == "code" and in_sidebar and record.shown is None:
                record.shown = element.code.code_text
        elif kind == "navigation":
            pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            ran_hash = msg.navigation.page_script_hash
        elif kind == "page_not_found":
            problems.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
            problems.append("script compilation exception")
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue
            record.ms = (time.perf_counter() - started) * 1000
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                problems.append("finished with compile error")
            if expected_hash is not None and ran_hash is not None and ran_hash != expected_hash:
                problems.append(f"wrong page: ran {ran_hash}, expected {expected_hash}")
            if not problems and (wrong := view_problem(record.page, record.query, record.shown)):
                problems.append(wrong)
            if problems:
                record.error = "; ".join(dict.fromkeys(problems))
            return pages


class Browser:
    """How one reader's browser reaches the app: straight to the server, or through the proxy with its cookie."""

    def __init__(self, url: str, *, sticky: bool, timeout: float) -> None:
        parts = urlsplit(url)
        self.http = f"http://{parts.hostname}:{parts.port}"
        self.ws_url = f"ws://{parts.hostname}:{parts.port}/_stcore/stream"
        self.sticky, self.timeout = sticky, timeout
        self.replica: str | None = None
        self.retries: list[str] = []  # connections that failed and were made again

    def _keep_cookie(self, set_cookies: Sequence[str]) -> None:
        for header in set_cookies:
            name, _, rest = header.partition("=")
            if name.strip() == REPLICA_COOKIE:
                self.replica = rest.split(";", 1)[0]

    def _get(self, path: str) -> None:
        request = urllib.request.Request(self.http + path)
        if self.replica:
            request.add_header("Cookie", f"{REPLICA_COOKIE}={self.replica}")
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            response.read()
            self._keep_cookie(response.headers.get_all("Set-Cookie") or [])

    def _socket(self):
        cookie = f"{REPLICA_COOKIE}={self.replica}" if self.replica else None
        ws = websocket.create_connection(self.ws_url, subprotocols=["streamlit"], timeout=self.timeout, cookie=cookie)
        headers = ws.getheaders() or {}
        self._keep_cookie([v for k, v in headers.items() if k.lower() == "set-cookie"])
        return ws

    def _retried(self, connect: Callable[[], object], attempts: int = 3, pause: float = 0.5):
        for attempt in range(attempts):
            try:
                return connect()
            except (websocket.WebSocketException, OSError, http.client.HTTPException) as exc:  # a cut page too
                if attempt == attempts - 1:
                    raise
                self.retries.append(f"{type(exc).__name__}: {exc}"[:200])
                time.sleep(pause)

    def open(self, page: str, query: str):
        """The page load (index.html, which sets the replica cookie behind the proxy), then the app's socket.

        Behind the proxy, a load cut off by a dying replica (a 502) is loaded again, as a reader reloads a page,
        and a refused socket is opened again, as the page itself retries."""
        if not self.sticky:
            return self._socket()
        path = f"/{page}?{query}" if query else f"/{page}"

        def load_then_connect():
            self._get(path)
            return self._socket()

        return self._retried(load_then_connect)

    def reconnect(self):
        """What Streamlit's page does when its socket drops: poll the health endpoint, then open a new socket."""

        def poll_then_connect():
            self._get("/_stcore/health")
            return self._socket()

        return self._retried(poll_then_connect)


def run_session(
    url: str,
    session: int,
    reruns: int,
    plan: Sequence[tuple[str, str]],
    *,
    deadline: float,
    run_timeout: float,
    start: threading.Barrier | None = None,
    sockets: list | None = None,
    sticky: bool = False,
) -> SessionOutcome:
    """One browser-like session: a cold deep link, then `reruns` filter changes across pages.

    With `sticky` (behind the proxy), a lost socket is reopened as the browser reopens it, and the run that
    was under way is sent again as the URL's view (page name and query, no page hash), as after a reload.
    """
    outcome = SessionOutcome(session)
    browser = Browser(url, sticky=sticky, timeout=run_timeout)
    steps = [plan[(session + i) % len(plan)] for i in range(reruns + 1)]
    if start is not None:
        with contextlib.suppress(threading.BrokenBarrierError):
            start.wait(timeout=max(deadline - time.monotonic(), 0.1))
    try:
        ws = browser.open(*steps[0])
    except Exception as exc:  # noqa: BLE001 - every failure to connect is a measured error
        outcome.error = f"connect: {type(exc).__name__}: {exc}"
        return outcome
    if sockets is not None:
        sockets.append(ws)
    outcome.reloads = len(browser.retries)
    pages: dict[str, str] = {}
    # cold: the URL's view opened fresh (first link, or after a reconnect); reconnected: after a lost connection
    cold, reconnected = True, bool(browser.retries)
    index = 0
    try:
        while index < len(steps):
            page, query = steps[index]
            record = RunRecord(session, index, page, query, replica=browser.replica, reconnected=reconnected)
            outcome.runs.append(record)
            page_hash = "" if cold else pages.get(page, "")
            try:
                seen = _one_run(ws, record, page_hash, page_hash or None, run_timeout, deadline)
            except (websocket.WebSocketException, OSError) as exc:
                if not sticky or outcome.reconnects >= MAX_RECONNECTS:
                    raise
                record.lost = f"{type(exc).__name__}: {exc}"[:200]
                outcome.reconnects += 1
                with contextlib.suppress(Exception):
                    ws.close()
                ws = browser.reconnect()
                if sockets is not None:
                    sockets.append(ws)
                cold, reconnected = True, True
                continue
            pages = seen or pages
            cold, reconnected = False, False
            index += 1
    except _Deadline as exc:
        outcome.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - disconnects and protocol errors are measured, not raised
        outcome.error = f"{type(exc).__name__}: {exc}"
    finally:
        with contextlib.suppress(Exception):
            ws.close()
    return outcome
