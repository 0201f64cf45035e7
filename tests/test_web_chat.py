"""End to end: `recagent serve` on a free loopback port, the chat page driven in headless Chromium.

Needs Debian's chromium (/usr/bin/chromium; `.ci/run` installs it, and there a missing browser fails the test
instead of skipping it) and the playwright package; no test tool downloads a browser. The screenshot is kept in
test-artifacts/ (or $RECAGENT_TEST_ARTIFACTS).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REQUIRE_BROWSER

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("RECAGENT_TEST_ARTIFACTS", ROOT / "test-artifacts"))
# Chromium's own network traffic is refused on closed machines: keep it from trying.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    url: str
    process: subprocess.Popen
    workspace: Path


def _serve(folder: Path, env: dict, tmp_path: Path, *args: str) -> Served:
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([Path(sys.executable).with_name("recagent"), "serve", "--port", str(port), *args],
                               env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return Served(url, process, folder)
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("recagent serve did not become ready:\n" + (tmp_path / "serve.log").read_text())
        time.sleep(0.3)


@pytest.fixture
def server(chat_recommender, local_model_dir, tmp_path):
    folder = chat_recommender.workspace.path
    chat_recommender.close()
    env = {"RECAGENT_WORKSPACE": str(folder), "RECAGENT_EMBEDDING_MODEL": "hashing",
           "RECAGENT_CHAT_MODEL_DIR": str(local_model_dir), "RECAGENT_PROGRESS": "false"}
    served = _serve(folder, env, tmp_path)
    yield served
    if served.process.poll() is not None:
        return
    served.process.terminate()
    # uvicorn finishes in-flight requests, then exits by the signal it caught.
    assert served.process.wait(timeout=60) in (0, -signal.SIGTERM), (tmp_path / "serve.log").read_text()


@pytest.fixture
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM}: apt-get install chromium (.ci/run does)"
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


def test_chat_page_in_headless_chromium(chromium, server) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server.url + "/")
        expect(page.locator("#greeting")).to_contain_text("Tell me a few titles you liked")
        expect(page.locator("#apikey")).to_be_hidden()  # an open server on loopback needs no key
        expect(page.locator("#user")).to_be_visible()
        page.locator("#greeting button").first.click()  # an example fills the box
        expect(page.locator("#message")).to_have_value("a funny movie the whole family can watch")
        page.fill("#message", "I loved Toy Story. Something funny, no horror")
        with page.expect_response(lambda r: r.url.endswith("/messages")) as answer:
            page.press("#message", "Enter")
        assert answer.value.headers["content-type"].startswith("text/event-stream")
        reply = page.locator(".turn.assistant").last
        expect(reply.locator(".text")).to_contain_text("Noted: you liked Toy Story (1995).", timeout=60_000)
        cards = reply.locator(".card")
        expect(cards.first).to_be_visible(timeout=60_000)
        titles = cards.locator(".title").all_inner_texts()
        assert titles
        assert "Horror" not in " ".join(cards.locator(".cats").all_inner_texts())
        cards.first.locator("button.like").click()
        expect(cards.first.locator("button.like")).to_have_class("like on")
        expect(page.locator("#profile")).to_contain_text("Liked: Toy Story (1995); " + titles[0].rsplit(" (", 1)[0])
        expect(page.locator("#profile")).to_contain_text("Does not want: Horror")
        page.screenshot(path=str(ARTIFACTS / "web-chat.png"), full_page=True)

        page.reload()
        expect(page.locator("#sessions li").first).to_contain_text("I loved Toy Story. Something funny, no horror")
        expect(page.locator(".turn.assistant .card").first).to_be_visible()
        assert page.locator(".turn.assistant .card .title").first.inner_text() == titles[0]
        page.locator("#sessions li").first.click()
        expect(page.locator(".turn.user .text").first).to_have_text("I loved Toy Story. Something funny, no horror")
        expect(page.locator("#greeting")).to_have_count(0)

        # A phone, a tablet and a laptop: the conversation, its cards and the message box fit each width.
        for width, height in ((390, 844), (768, 1024), (1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            box, send = page.locator("#message").bounding_box(), page.locator("#send button").bounding_box()
            assert box and send and box["width"] >= min(250, width - 140), (width, box)
            assert send["x"] + send["width"] <= width, (width, send)  # the Send button is on screen
            card = page.locator(".turn.assistant .card").first.bounding_box()
            assert card and card["x"] >= 0 and card["x"] + card["width"] <= width, (width, card)
            page.screenshot(path=str(ARTIFACTS / f"web-chat-{width}.png"), full_page=True)
        icon = urllib.request.urlopen(server.url + "/favicon.ico", timeout=10)
        assert icon.status == 200 and icon.headers["content-type"].startswith("image/svg+xml")
        browser.close()


def _post(url: str, body: dict) -> dict:
    import json

    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def test_a_reply_in_flight_is_finished_when_the_server_stops(server) -> None:
    import threading

    from recagent import Recommender
    from recagent.testing import scripted_chat_model

    session = _post(server.url + "/v1/sessions", {})["id"]
    message = "I loved Heat. Recommend a thriller"
    replies: list[dict] = []
    sender = threading.Thread(
        target=lambda: replies.append(_post(f"{server.url}/v1/sessions/{session}/messages", {"text": message})))
    sender.start()
    time.sleep(0.3)
    server.process.terminate()  # while the reply is being written
    sender.join(timeout=120)
    assert replies and replies[0]["text"].startswith("Noted: you liked Heat (1995).")
    assert server.process.wait(timeout=60) in (0, -signal.SIGTERM)
    with Recommender.open(server.workspace, settings={"embedding_model": "hashing"}) as rec:
        history = rec.chat(session, model=scripted_chat_model([])).history()
    assert history == [("user", message), ("assistant", replies[0]["text"])]


def test_several_workers_share_sessions_and_a_chroma_server(local_model_dir, tmp_path) -> None:
    import json
    from concurrent.futures import ThreadPoolExecutor

    from recagent import Recommender
    from recagent.vectorstore.server import chroma_server
    from tests.chat_catalog import CHAT_EVENTS, CHAT_ITEMS

    with chroma_server(tmp_path / "chroma") as chroma_url:
        env = {"RECAGENT_EMBEDDING_MODEL": "hashing", "RECAGENT_CHROMA_URL": chroma_url,
               "RECAGENT_WORKSPACE": str(tmp_path / "ws"), "RECAGENT_CHAT_MODEL_DIR": str(local_model_dir),
               "RECAGENT_PROGRESS": "false"}
        with Recommender.open(tmp_path / "ws", settings={"embedding_model": "hashing", "chroma_url": chroma_url}) as rec:
            rec.ingest(items=CHAT_ITEMS, events=CHAT_EVENTS)
            rec.build_index()
        served = _serve(tmp_path / "ws", env, tmp_path, "--workers", "2")
        try:
            def chat(n: int) -> tuple[str, str, list]:
                session = _post(served.url + "/v1/sessions", {})["id"]
                reply = _post(f"{served.url}/v1/sessions/{session}/messages", {"text": f"more like Heat, take {n}"})
                with urllib.request.urlopen(f"{served.url}/v1/sessions/{session}", timeout=60) as response:
                    transcript = json.loads(response.read())
                return session, reply["text"], transcript["messages"]

            with ThreadPoolExecutor(8) as pool:
                results = list(pool.map(chat, range(8)))
            for n, (session, text, messages) in enumerate(results):
                assert [m["text"] for m in messages] == [f"more like Heat, take {n}", text]
            with urllib.request.urlopen(served.url + "/v1/items?q=toys&k=2", timeout=60) as response:
                assert len(json.loads(response.read())["items"]) == 2
            with urllib.request.urlopen(served.url + "/v1/sessions", timeout=60) as response:
                assert len(json.loads(response.read())) == 8
        finally:
            served.process.terminate()
            served.process.wait(timeout=60)


def test_several_workers_need_a_chroma_server(tmp_path) -> None:
    from click.testing import CliRunner

    from recagent.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--workers", "2", "-w", str(tmp_path / "ws")])
    assert result.exit_code == 1 and "several worker processes share one item index" in result.output
