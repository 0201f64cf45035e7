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
from pathlib import Path

import pytest

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


@pytest.fixture
def server(chat_recommender, local_model_dir, tmp_path):
    folder = chat_recommender.workspace.path
    chat_recommender.close()
    port = _free_port()
    env = {**os.environ, "RECAGENT_WORKSPACE": str(folder), "RECAGENT_EMBEDDING_MODEL": "hashing",
           "RECAGENT_CHAT_MODEL_DIR": str(local_model_dir), "RECAGENT_PROGRESS": "false"}
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([Path(sys.executable).with_name("recagent"), "serve", "--port", str(port)],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("recagent serve did not become ready:\n" + (tmp_path / "serve.log").read_text())
        time.sleep(0.3)
    yield url
    process.terminate()
    # uvicorn finishes in-flight requests, then exits by the signal it caught.
    assert process.wait(timeout=60) in (0, -signal.SIGTERM), (tmp_path / "serve.log").read_text()


@pytest.fixture
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM}: apt-get install chromium (.ci/run does)"
        if os.environ.get("RECAGENT_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


def test_chat_page_in_headless_chromium(chromium, server) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server + "/")
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
        browser.close()
