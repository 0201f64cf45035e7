"""Two `recagent serve` processes, each with a folder of its own, on one PostgreSQL database, one Chroma server
and one shared models folder: a session goes on from one to the other, an event posted to one is seen by the
other, and a model trained and published is served by both without a restart."""

from __future__ import annotations

import json
import signal
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from recagent import Recommender
from recagent.vectorstore.server import chroma_server
from tests.chat_catalog import CHAT_EVENTS, CHAT_ITEMS
from tests.test_web_chat import _post, _serve


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback
        return json.loads(response.read())


def test_two_servers_on_one_database_share_sessions_events_and_models(postgres_url, local_model_dir,
                                                                        tmp_path) -> None:
    with chroma_server(tmp_path / "chroma") as chroma_url:
        shared = {"store_url": postgres_url, "chroma_url": chroma_url, "models_dir": str(tmp_path / "models"),
                  "embedding_model": "hashing", "disable_plugins": "bert", "gpt_epochs": 1, "gpt_text_init": False}
        # An operator's machine: the catalog, its index and a first model, published to what the servers share.
        operator = Recommender.open(tmp_path / "operator", settings=shared)
        operator.ingest(items=CHAT_ITEMS, events=CHAT_EVENTS)
        operator.build_index()
        operator.train()
        first_version = operator.model_versions()["gpt"]

        env = {f"RECAGENT_{name.upper()}": str(value) for name, value in shared.items()}
        env |= {"RECAGENT_CHAT_MODEL_DIR": str(local_model_dir), "RECAGENT_PROGRESS": "false"}
        folders = [tmp_path / name for name in ("a", "b")]
        for folder in folders:
            (folder / "log").mkdir(parents=True)
        with ThreadPoolExecutor(2) as pool:  # both start at once, as two hosts would
            a, b = pool.map(lambda folder: _serve(folder, {**env, "RECAGENT_WORKSPACE": str(folder)}, folder / "log"),
                            folders)
        try:
            session = _post(a.url + "/v1/sessions", {"user": "u1"})["id"]
            first = _post(f"{a.url}/v1/sessions/{session}/messages", {"text": "I loved Heat. Recommend a thriller"})
            second = _post(f"{b.url}/v1/sessions/{session}/messages", {"text": "something funnier"})
            assert first["items"] and second["items"] and second["session"] == session
            for served in (a, b):  # either server tells the whole conversation
                turns = _get(f"{served.url}/v1/sessions/{session}")["messages"]
                assert [turn["role"] for turn in turns] == ["user", "assistant", "user", "assistant"]
            assert [info["id"] for info in _get(b.url + "/v1/sessions")] == [session]

            _post(a.url + "/v1/users/newcomer/events", {"item": "3", "kind": "like"})
            assert _get(b.url + "/v1/users/newcomer/events")["items"] == ["3"]

            assert {_get(s.url + "/readyz")["models"]["gpt"] for s in (a, b)} == {first_version}
            operator.train(only=["gpt"])  # a new version published while both serve
            newer = operator.model_versions()["gpt"]
            assert newer != first_version
            assert {_get(s.url + "/readyz")["models"]["gpt"] for s in (a, b)} == {newer}
            for served in (a, b):  # and both recommend from it
                assert _post(served.url + "/v1/recommend", {"user": "u1", "k": 3})["items"]
        finally:
            operator.close()
            for served in (a, b):
                served.process.send_signal(signal.SIGTERM)
                served.process.wait(timeout=60)
