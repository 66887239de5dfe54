"""Two replicas behind HAProxy on loopback: load is shared, and killing one loses no reader's view.

Real processes (deploy/replicas.py starts two `streamlit run` and HAProxy with deploy/haproxy.cfg) and real
websocket sessions (benchmarks/load_sessions.py). Every byte goes to 127.0.0.1.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from stances import replicas

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "data" / "sample"

pytest.importorskip("websocket", reason="websocket-client is not installed (pip install websocket-client)")
if shutil.which("haproxy") is None and not Path("/usr/sbin/haproxy").exists():
    pytest.skip("HAProxy is not installed (Debian: apt-get install haproxy)", allow_module_level=True)

from load_client import view_problem  # noqa: E402  (benchmarks/, after the checks above)
from load_level import kill_line, run_level, table  # noqa: E402
from load_server import through_proxy  # noqa: E402

HAPROXY_CONFIG = REPO / "deploy" / "haproxy.cfg"


def test_the_config_rendered_for_three_replicas_is_valid_haproxy(tmp_path):
    text = replicas.render_haproxy_config(HAPROXY_CONFIG.read_text(), 9100, [("r1", 9101), ("r2", 9102), ("r3", 9103)])
    config = tmp_path / "haproxy.cfg"
    config.write_text(text)
    check = subprocess.run([replicas.HAPROXY, "-c", "-f", str(config)], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stdout + check.stderr
    servers = [line.split() for line in text.splitlines() if line.strip().startswith("server ")]
    assert servers == [["server", f"r{i}", f"127.0.0.1:910{i}", "cookie", f"r{i}"] for i in (1, 2, 3)]
    assert "bind 127.0.0.1:9100" in text and "cookie STREPLICA insert" in text


def test_the_shipped_config_is_valid_haproxy():
    check = subprocess.run(
        [replicas.HAPROXY, "-c", "-f", str(HAPROXY_CONFIG)], capture_output=True, text=True, timeout=30
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_two_replicas_share_the_load_and_a_killed_one_loses_no_view():
    with replicas.cluster(2, REPO, SAMPLE, HAPROXY_CONFIG, timeout=60) as running:
        server = through_proxy(running)
        shared = run_level(server, sessions=20, reruns=2, deadline_s=40, run_timeout=30, settle_s=0)
        # long enough that the sessions are still running when the replica dies, even on a quiet machine
        survived = run_level(server, sessions=20, reruns=10, deadline_s=40, run_timeout=30, settle_s=0, kill_at=1.0)
        survivor = next(r.name for r in running.replicas if r.popen.poll() is None)
    print(table([("2 replicas", shared), ("one killed", survived)]))

    assert shared.errors == [] and shared.server_tracebacks == []
    assert shared.finished_runs == shared.expected_runs == 60
    assert set(shared.runs_per_replica) == {"r1", "r2"}  # both served sessions, each by its cookie

    kill = survived.kill
    assert kill is not None, "the level ended before the replica was killed"
    print(kill_line("one killed", survived))
    assert survived.errors == [], survived.errors[:5]
    assert survived.finished_runs == survived.expected_runs == 220  # 20 sessions × (1 + 10 reruns)
    assert kill.sessions > 0, "no session was on the killed replica when it died"
    assert kill.reconnected == kill.sessions  # every session that lost its socket came back ...
    assert kill.view_back == kill.sessions  # ... and its page showed the view its URL holds
    assert set(kill.to_replicas) == {survivor}  # through the proxy, to the replica still alive


def test_a_page_showing_another_view_than_its_url_is_caught():
    assert (
        view_problem("compare", "issue=surveillance&party=anthropic", "/compare?party=anthropic&issue=surveillance")
        is None
    )
    assert view_problem("", "issue=a&issue=b", "http://127.0.0.1:8500/?issue=b,a") is None
    assert "wrong view" in view_problem("compare", "issue=surveillance", "/?issue=surveillance")  # another page
    assert "wrong view" in view_problem("compare", "issue=surveillance", "/compare")  # the filters were lost
    assert "wrong view" in view_problem("about", "", "/about?as_of=2026-03-01")  # a filter it did not ask for
    assert view_problem("about", "", None) == "no share link on the page"


@pytest.mark.browser
def test_a_browser_on_a_killed_replica_reconnects_and_keeps_its_view(chromium):
    """Real Chromium: the page reconnects through the proxy by itself, shows no error, and its next click runs on
    the surviving replica with the filters of its URL. (The new replica does not rerun the page until then.)"""
    share = '[data-testid="stSidebar"] [data-testid="stCode"]'
    with replicas.cluster(2, REPO, SAMPLE, HAPROXY_CONFIG, env={"NOW": "2026-12-01"}, timeout=60) as running:
        context = chromium.new_context()
        try:
            page = context.new_page()
            sockets: list[str] = []
            page.on("websocket", lambda ws: sockets.append(ws.url))
            page.goto(f"{running.url}/compare?issue=surveillance&party=anthropic", timeout=60_000)
            page.wait_for_selector(share, timeout=60_000)
            first = next(c["value"] for c in context.cookies() if c["name"] == "STREPLICA")
            victim = running.kill(first)
            for _ in range(100):  # the page opens a new socket through the proxy
                if len(sockets) > 1:
                    break
                page.wait_for_timeout(200)
            assert len(sockets) > 1, "the page did not reconnect"
            page.click('[data-testid="stSidebar"] a:has-text("Timeline")')
            page.wait_for_function("() => document.querySelector('h1')?.innerText.includes('Timeline')", timeout=60_000)
            page.wait_for_function(
                f"() => document.querySelector('{share}')?.innerText.includes('/timeline?')", timeout=60_000
            )
            shown = page.inner_text(share).strip()
            now = next(c["value"] for c in context.cookies() if c["name"] == "STREPLICA")
            assert now != victim.name
            assert view_problem("timeline", "issue=surveillance&party=anthropic", shown) is None
            assert page.query_selector('[data-testid="stException"]') is None
        finally:
            context.close()
