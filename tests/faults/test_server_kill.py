"""Kill -9 of `recagent serve` in the middle of a streamed reply: every acknowledged turn is kept, every SQLite
file passes its integrity check, and the session goes on after a restart."""

from __future__ import annotations

import json
import os
import signal
import urllib.request

from tests.faults.kills import integrity_problems, wait_gone
from tests.test_web_chat import _post, _serve


def _first_token(url: str, text: str) -> urllib.request.addinfourl:
    """Send a streamed message and return the open response once its first token event has arrived."""
    request = urllib.request.Request(url, data=json.dumps({"text": text, "stream": True}).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    response = urllib.request.urlopen(request, timeout=120)  # noqa: S310 - loopback
    while not response.readline().startswith(b"event: token"):
        pass
    return response


def test_a_server_killed_mid_stream_keeps_every_acknowledged_turn(chat_recommender, local_model_dir, tmp_path):
    folder = chat_recommender.workspace.path
    chat_recommender.close()
    env = {"RECAGENT_WORKSPACE": str(folder), "RECAGENT_EMBEDDING_MODEL": "hashing",
           "RECAGENT_CHAT_MODEL_DIR": str(local_model_dir), "RECAGENT_PROGRESS": "false"}
    served = _serve(folder, env, tmp_path)
    session = _post(served.url + "/v1/sessions", {})["id"]
    first = _post(f"{served.url}/v1/sessions/{session}/messages", {"text": "I loved Heat. Recommend a thriller"})
    in_flight = _first_token(f"{served.url}/v1/sessions/{session}/messages", "something funnier, from the 90s")
    os.kill(served.process.pid, signal.SIGKILL)
    served.process.wait(timeout=30)
    in_flight.close()
    assert wait_gone(served.process.pid) == []
    assert integrity_problems(folder) == []

    restarted = _serve(folder, env, tmp_path)
    try:
        with urllib.request.urlopen(f"{restarted.url}/v1/sessions/{session}", timeout=60) as response:  # noqa: S310
            turns = json.loads(response.read())["messages"]
        assert turns[:2] == [{"role": "user", "text": "I loved Heat. Recommend a thriller", "items": []},
                             {"role": "assistant", "text": first["text"], "items": first["items"]}]
        again = _post(f"{restarted.url}/v1/sessions/{session}/messages", {"text": "any sci-fi?"})
        assert again["items"] and again["session"] == session
    finally:
        restarted.process.send_signal(signal.SIGTERM)
        restarted.process.wait(timeout=60)
