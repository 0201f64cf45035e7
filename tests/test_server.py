"""The HTTP API with an in-process client: real app, real workspace, a scripted chat model."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from recagent.cli import cli
from recagent.server import create_app
from recagent.agent.scripted import ScriptedChatModel
from recagent.testing import scripted_chat_model

ALICE, BOB = "alice-key-0123456789", "bob-key-0123456789ab"


@pytest.fixture
def client(chat_recommender):
    app = create_app(chat_recommender, model=scripted_chat_model(["picks for you"] * 20), mode="guided")
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def keyed(chat_recommender):
    app = create_app(chat_recommender, model=scripted_chat_model(["picks"] * 20), mode="guided",
                     api_keys={ALICE: "alice", BOB: "bob"})
    with TestClient(app) as test_client:
        yield test_client


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _events(body: str) -> list[tuple[str, dict]]:
    events = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_health_readiness_and_openapi(client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["ready"] and ready.json()["items"] == 16
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/recommend", "/v1/items", "/v1/sessions", "/v1/sessions/{session_id}/messages"} <= set(paths)


def test_recommend_takes_the_sdk_options(client) -> None:
    found = client.post("/v1/recommend", json={"user": "u1", "k": 3, "filters": {"category": "Comedy"}})
    assert found.status_code == 200
    items = found.json()["items"]
    assert len(items) == 3 and all("Comedy" in r["item"]["categories"] and r["reasons"] for r in items)
    assert all(r["item"]["text"] and r["item"]["metadata"] for r in items)  # the cards show what the catalog has
    bad = client.post("/v1/recommend", json={"user": "u1", "filters": {"category": "Comdy"}})
    assert bad.status_code == 400 and bad.json()["error"]["type"] == "not_in_catalog"
    assert "did you mean 'Comedy'" in bad.json()["error"]["message"]
    adhoc = client.post("/v1/recommend", json={"history": ["1"], "k": 2, "deny": ["2"]}).json()["items"]
    assert len(adhoc) == 2 and "2" not in [r["item"]["id"] for r in adhoc]


@pytest.mark.parametrize(("body", "status", "kind", "words"), [
    ({"user": "nobody"}, 404, "unknown_user", "nobody"),
    ({"history": ["404"]}, 404, "unknown_item", "'404'"),
    ({"user": "u1", "k": 0}, 422, "invalid_input", "k: Input should be greater than or equal to 1"),
    ({"user": "u1", "filters": {"year": {"~": 1}}}, 400, "bad_request", "unknown filter operator '~'"),
    ({"user": "u1", "colour": "red"}, 422, "invalid_input", "colour: Extra inputs are not permitted"),
])
def test_errors_are_json_with_a_stable_shape(client, body, status, kind, words) -> None:
    response = client.post("/v1/recommend", json=body)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["type"] == kind and words in error["message"]


def test_items_search_and_get(client) -> None:
    found = client.get("/v1/items", params={"q": "toys come alive", "k": 3}).json()["items"]
    assert len(found) == 3
    item = client.get("/v1/items/6").json()
    assert item["title"] == "Matrix, The (1999)" and item["metadata"] == {"year": 1999}
    assert client.get("/v1/items/999").json()["error"]["type"] == "unknown_item"
    assert client.get("/v1/nowhere").json()["error"]["type"] == "not_found"


def test_without_the_vectorsearch_plugin_the_api_and_the_chat_still_search_by_meaning(make_recommender) -> None:
    from tests.chat_catalog import CHAT_EVENTS, CHAT_ITEMS

    rec = make_recommender(settings={"embedding_model": "hashing", "disable_plugins": "vectorsearch"})
    rec.ingest(items=CHAT_ITEMS, events=CHAT_EVENTS)
    rec.build_index()
    assert "vectorsearch" not in rec.host.implementers("candidates")
    model = scripted_chat_model([{"tool_calls": [{"name": "search_catalog", "args": {"query": "toys come alive"}}]},
                                 "Here you go."])
    with TestClient(create_app(rec, model=model)) as test_client:
        found = test_client.get("/v1/items", params={"q": "toys come alive", "k": 1}).json()["items"]
        assert [entry["item"]["title"] for entry in found] == ["Toy Story (1995)"]
        session = test_client.post("/v1/sessions", json={}).json()["id"]
        reply = test_client.post(f"/v1/sessions/{session}/messages", json={"text": "toys that come alive?"}).json()
        assert reply["items"][0]["item"]["title"] == "Toy Story (1995)"


def test_a_server_started_before_the_index_is_built_builds_it_for_the_chat(make_recommender) -> None:
    from recagent.errors import IndexNotBuiltError
    from recagent.server.app import _status_of
    from tests.chat_catalog import CHAT_ITEMS

    rec = make_recommender(settings={"embedding_model": "hashing"})
    rec.ingest(items=CHAT_ITEMS)
    assert not rec.index_built()
    with TestClient(create_app(rec, model=scripted_chat_model(["x"]))) as test_client:
        found = test_client.get("/v1/items", params={"q": "toys come alive", "k": 1}).json()["items"]
        assert [entry["item"]["id"] for entry in found] == ["3"]
    assert _status_of(IndexNotBuiltError()) == (409, "index_not_built")  # were it asked before any build


def test_store_errors_have_their_status() -> None:
    from recagent.errors import StorageFullError, StoreDamagedError
    from recagent.server.app import _status_of

    assert _status_of(StoreDamagedError("ws/recagent.sqlite", "file is not a database")) == (503, "store_damaged")
    assert _status_of(StorageFullError("ws")) == (507, "storage_full")


def test_user_events(client) -> None:
    created = client.post("/v1/users/u9/events", json={"item": "3", "kind": "like"})
    assert created.status_code == 201
    assert client.get("/v1/users/u9/events").json() == {"user": "u9", "items": ["3"]}
    assert client.post("/v1/users/u9/events", json={"item": "3", "kind": "love"}).status_code == 422
    assert client.get("/v1/users/nobody/events").status_code == 404
    profile = client.get("/v1/users/u1/profile")
    assert profile.status_code == 200 and set(profile.json()) == {"user", "categories", "items"}


def test_a_chat_session_over_the_api(client) -> None:
    session = client.post("/v1/sessions", json={"user": "u2"}).json()
    assert session["user"] == "u2"
    reply = client.post(f"/v1/sessions/{session['id']}/messages", json={"text": "I loved Heat. No horror"}).json()
    assert reply["text"].startswith("Noted: you liked Heat (1995).") and reply["items"]
    assert all("Horror" not in r["item"]["categories"] for r in reply["items"])
    first = reply["items"][0]["item"]["id"]
    liked = client.post(f"/v1/sessions/{session['id']}/feedback", json={"item": first, "kind": "like"})
    assert liked.status_code == 201
    profile = client.get(f"/v1/sessions/{session['id']}/profile").json()
    assert first in profile["likes"] and profile["exclude_categories"] == ["Horror"]
    transcript = client.get(f"/v1/sessions/{session['id']}").json()
    assert [m["role"] for m in transcript["messages"]] == ["user", "assistant"]
    assert transcript["messages"][1]["items"] == reply["items"] and transcript["title"] == "I loved Heat. No horror"
    assert [s["id"] for s in client.get("/v1/sessions").json()] == [session["id"]]
    assert client.delete(f"/v1/sessions/{session['id']}").status_code == 204
    assert client.get(f"/v1/sessions/{session['id']}").json()["error"]["type"] == "unknown_session"


def test_replies_stream_as_server_sent_events(client) -> None:
    session = client.post("/v1/sessions", json={}).json()
    with client.stream("POST", f"/v1/sessions/{session['id']}/messages",
                       json={"text": "Recommend some sci-fi", "stream": True}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = _events(response.read().decode())
    kinds = [kind for kind, _ in events]
    assert kinds[-1] == "reply" and kinds.count("token") >= 1
    reply = events[-1][1]
    assert "".join(data["text"] for kind, data in events if kind == "token") == reply["text"]
    assert reply["items"] and all("Sci-Fi" in r["item"]["categories"] for r in reply["items"])


def test_bad_messages_and_big_bodies_are_refused(client) -> None:
    session = client.post("/v1/sessions", json={}).json()
    url = f"/v1/sessions/{session['id']}/messages"
    empty = client.post(url, json={"text": "  "})
    assert empty.status_code == 422 and empty.json()["error"]["type"] == "bad_message"
    long = client.post(url, json={"text": "x" * 50_000, "stream": True})
    assert long.status_code == 422 and "the limit is 4,000" in long.json()["error"]["message"]
    huge = client.post(url, content=b'{"text": "' + b"x" * 300_000 + b'"}',
                       headers={"Content-Type": "application/json"})
    assert huge.status_code == 413 and huge.json()["error"]["type"] == "too_large"
    assert client.post(url, json={"text": 42}).status_code == 422


@pytest.mark.parametrize(("method", "url", "body", "what"), [
    ("POST", "/v1/users/a%00b/events", {"item": "3"}, "user id 'a\\x00b'"),
    ("POST", "/v1/users/u9/events", {"item": "3\u0000"}, "item id '3\\x00'"),
    ("GET", "/v1/users/u1%0A/events", None, "user id 'u1\\n'"),
    ("GET", "/v1/users/u1%1B/profile", None, "user id 'u1\\x1b'"),
    ("POST", "/v1/recommend", {"user": "u1\u0000"}, "user id 'u1\\x00'"),
    ("POST", "/v1/recommend", {"history": ["1", "2\u0007"]}, "item id '2\\x07'"),
    ("POST", "/v1/recommend", {"user": "u1", "deny": ["\u0000"]}, "item id '\\x00'"),
    ("GET", "/v1/items/1%00", None, "item id '1\\x00'"),
    ("POST", "/v1/sessions", {"user": "a\u0000"}, "user id 'a\\x00'"),
    ("GET", "/v1/sessions?user=a%00", None, "user id 'a\\x00'"),
    ("GET", "/v1/sessions/s%00", None, "session id 's\\x00'"),
    ("DELETE", "/v1/sessions/s%00", None, "session id 's\\x00'"),
])
def test_control_characters_in_ids_are_refused_everywhere(client, method, url, body, what) -> None:
    response = client.request(method, url, json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["type"] == "invalid_input"
    assert what in error["message"] and "control character" in error["message"]


def test_control_characters_in_session_feedback_items_are_refused(client) -> None:
    session = client.post("/v1/sessions", json={}).json()
    response = client.post(f"/v1/sessions/{session['id']}/feedback", json={"item": "3\u0000"})
    assert response.status_code == 422 and "item id '3\\x00'" in response.json()["error"]["message"]


def _chunked(total: int, prefix: bytes = b'{"item": "', suffix: bytes = b'"}'):
    """A JSON body sent in chunks, without Content-Length, as a client streaming its upload sends it."""
    yield prefix
    for _ in range(total // 8192):
        yield b"x" * 8192
    yield suffix


@pytest.mark.parametrize("url", ["/v1/users/u9/events", "/v1/recommend"])
def test_a_chunked_body_over_the_limit_is_refused_as_too_large(client, url) -> None:
    response = client.post(url, content=_chunked(300_000), headers={"Content-Type": "application/json"})
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert response.status_code == 413 and response.json()["error"]["type"] == "too_large"
    assert "limited to 262,144 bytes" in response.json()["error"]["message"]
    small = client.post("/v1/users/u9/events", content=_chunked(0, b'{"item": "3"', b"}"),
                        headers={"Content-Type": "application/json"})
    assert small.status_code == 201  # a chunked body under the limit is read as any other


def test_api_keys_keep_each_users_sessions_apart(keyed) -> None:
    assert keyed.get("/v1/sessions").status_code == 401
    assert keyed.get("/v1/sessions", headers=_auth("wrong-key-0123456789")).json()["error"]["type"] == "unauthorized"
    assert keyed.get("/healthz").status_code == 200  # health checks stay open
    mine = keyed.post("/v1/sessions", json={}, headers=_auth(ALICE)).json()
    assert mine["user"] == "alice"
    keyed.post(f"/v1/sessions/{mine['id']}/messages", json={"text": "hello"}, headers=_auth(ALICE))
    assert keyed.get(f"/v1/sessions/{mine['id']}", headers=_auth(BOB)).status_code == 404
    assert keyed.post(f"/v1/sessions/{mine['id']}/messages", json={"text": "hi"}, headers=_auth(BOB)).status_code == 404
    assert keyed.delete(f"/v1/sessions/{mine['id']}", headers=_auth(BOB)).status_code == 404
    assert keyed.get("/v1/sessions", headers=_auth(BOB)).json() == []
    assert [s["id"] for s in keyed.get("/v1/sessions", headers=_auth(ALICE)).json()] == [mine["id"]]
    assert keyed.post("/v1/sessions", json={"user": "bob"}, headers=_auth(ALICE)).status_code == 403
    assert keyed.post("/v1/recommend", json={"user": "bob"}, headers=_auth(ALICE)).status_code == 403
    assert keyed.post("/v1/recommend", json={"k": 2}, headers=_auth(ALICE)).status_code == 200  # cold start


def test_the_chat_page_is_served(client, keyed) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "<title>recagent chat</title>" in page.text
    assert "/v1/sessions" in page.text and "text/event-stream" not in page.headers["content-type"]
    # An open server's page hides the API key field (the Chromium test checks that it is not shown).
    assert '<body data-auth="open">' in page.text and '<body data-auth="keys">' in keyed.get("/").text


def test_serve_refuses_a_public_address_without_api_keys(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "-w", str(tmp_path / "ws")])
    assert result.exit_code == 1 and "refusing to serve on 0.0.0.0 without API keys" in result.output
    bad = CliRunner().invoke(cli, ["serve", "-w", str(tmp_path / "ws")], env={"RECAGENT_API_KEYS": "alice:short"})
    assert bad.exit_code == 1 and "at least 16 characters" in bad.output


class _HeldModel(ScriptedChatModel):
    """A scripted model that starts writing only when released: a turn that takes as long as the test wants."""

    release: Any
    started: Any

    def _stream(self, messages, stop=None, run_manager=None, **kwargs):
        self.started.set()
        assert self.release.wait(timeout=60), "the test never released the model"
        yield from super()._stream(messages, stop, run_manager, **kwargs)


def test_a_full_chat_queue_refuses_at_once_with_retry_after(make_recommender) -> None:
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from tests.chat_catalog import CHAT_ITEMS

    rec = make_recommender(settings={"embedding_model": "hashing", "chat_max_turns": 1})
    rec.ingest(items=CHAT_ITEMS)
    model = _HeldModel(replies=["first answer", "second answer"], release=threading.Event(),
                       started=threading.Event())
    with TestClient(create_app(rec, model=model, mode="tools")) as client, ThreadPoolExecutor(1) as pool:
        first_id, second_id = (client.post("/v1/sessions", json={}).json()["id"] for _ in range(2))
        first = pool.submit(client.post, f"/v1/sessions/{first_id}/messages", json={"text": "hi", "stream": True})
        assert model.started.wait(timeout=60)  # the first turn holds the only place
        busy = client.post(f"/v1/sessions/{second_id}/messages", json={"text": "hello"})
        assert busy.status_code == 503 and busy.json()["error"]["type"] == "busy"
        assert int(busy.headers["Retry-After"]) >= 1 and "chat_max_turns" in busy.json()["error"]["message"]
        model.release.set()
        done = first.result(timeout=60)
        assert done.status_code == 200 and _events(done.text)[-1][1]["text"] == "first answer"
        again = client.post(f"/v1/sessions/{second_id}/messages", json={"text": "hello"})  # the place came back
        assert again.status_code == 200 and again.json()["text"] == "second answer"


def test_a_blank_query_is_no_query(client) -> None:
    blank = client.post("/v1/recommend", json={"user": "u1", "k": 3, "query": " \t"})
    assert blank.status_code == 200, blank.text
    assert blank.json() == client.post("/v1/recommend", json={"user": "u1", "k": 3}).json()


def _openapi(client) -> dict[str, Any]:
    return client.get("/openapi.json").json()


@pytest.mark.parametrize(("method", "path", "url", "body", "status", "kind"), [
    ("post", "/v1/recommend", "/v1/recommend", {"user": "nobody"}, 404, "unknown_user"),
    ("post", "/v1/recommend", "/v1/recommend", {"filters": {"year": {"~": 1}}}, 400, "bad_request"),
    ("post", "/v1/recommend", "/v1/recommend", b'{"user": "\xff"}', 400, "bad_request"),
    ("post", "/v1/recommend", "/v1/recommend", {"k": 0}, 422, "invalid_input"),
    ("get", "/v1/items", "/v1/items?q=%20", None, 400, "bad_request"),
    ("get", "/v1/items/{item_id}", "/v1/items/999", None, 404, "unknown_item"),
    ("post", "/v1/users/{user}/events", "/v1/users/u9/events", {"item": "999"}, 404, "unknown_item"),
    ("post", "/v1/users/{user}/events", "/v1/users/u9/events", b"\xff", 400, "bad_request"),
    ("get", "/v1/users/{user}/events", "/v1/users/nobody/events", None, 404, "unknown_user"),
    ("get", "/v1/users/{user}/profile", "/v1/users/nobody/profile", None, 404, "unknown_user"),
    ("post", "/v1/sessions", "/v1/sessions", b"\xff", 400, "bad_request"),
    ("get", "/v1/sessions", "/v1/sessions?user=a%00", None, 422, "invalid_input"),
    ("get", "/v1/sessions/{session_id}", "/v1/sessions/none", None, 404, "unknown_session"),
    ("delete", "/v1/sessions/{session_id}", "/v1/sessions/none", None, 404, "unknown_session"),
    ("post", "/v1/sessions/{session_id}/messages", "/v1/sessions/none/messages", {"text": "hi"}, 404,
     "unknown_session"),
    ("post", "/v1/sessions/{session_id}/feedback", "/v1/sessions/none/feedback", {"item": "3"}, 404,
     "unknown_session"),
    ("get", "/v1/sessions/{session_id}/profile", "/v1/sessions/none/profile", None, 404, "unknown_session"),
])
def test_error_answers_are_declared_with_the_error_shape(client, method, path, url, body, status, kind) -> None:
    content = {"content": body, "headers": {"Content-Type": "application/json"}} if isinstance(body, bytes) \
        else {"json": body}
    response = client.request(method.upper(), url, **content)
    assert response.status_code == status and response.json()["error"]["type"] == kind, response.text
    assert set(response.json()) == {"error"} and set(response.json()["error"]) == {"type", "message"}
    declared = _openapi(client)["paths"][path][method]["responses"]
    assert declared[str(status)]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorOut"}


def test_the_error_shape_is_declared_once() -> None:
    from recagent.server.schemas import ErrorOut

    schema = ErrorOut.model_json_schema()
    detail = schema["$defs"]["ErrorDetail"]
    assert schema["required"] == ["error"] and detail["required"] == ["type", "message"]


def test_readiness_before_the_chat_model_loads_is_declared(chat_recommender) -> None:
    app = create_app(chat_recommender, model=scripted_chat_model(["x"]), mode="guided")
    not_ready = TestClient(app).get("/readyz")  # no `with`: the lifespan, which loads the model, does not run
    assert not_ready.status_code == 503 and not_ready.json()["ready"] is False
    declared = _openapi(TestClient(app))["paths"]["/readyz"]["get"]["responses"]
    assert declared["503"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ReadyOut"}


def test_the_schema_says_which_ids_and_searches_the_server_takes(client) -> None:
    import re

    schema = _openapi(client)
    parameters = [(path, method, p) for path, ops in schema["paths"].items() for method, op in ops.items()
                  for p in op.get("parameters", []) if p["name"] in ("user", "item_id", "session_id")]
    bodies = schema["components"]["schemas"]
    fields = [bodies["RecommendBody"]["properties"]["user"]["anyOf"][0],
              bodies["RecommendBody"]["properties"]["history"]["items"],
              bodies["RecommendBody"]["properties"]["deny"]["items"],
              bodies["EventBody"]["properties"]["item"], bodies["SessionBody"]["properties"]["user"]["anyOf"][0]]
    assert len(parameters) == 12
    for pattern in [p["schema"]["pattern"] for _, _, p in parameters] + [f["pattern"] for f in fields]:
        assert re.search(pattern, "Toy Story (1995) 🎬") and not re.search(pattern, "")
        assert not any(re.search(pattern, f"a{c}b") for c in ("\x00", "\n", "\x1b", "\x7f", "\x85"))
    for path, method, parameter in parameters:  # and what the schema allows, the server takes
        if method == "get" and parameter["in"] == "path":
            assert client.get(path.replace("{" + parameter["name"] + "}", "%C3%A9t%C3%A9 1")).status_code == 404
    search = schema["paths"]["/v1/items"]["get"]["parameters"][0]
    assert search["name"] == "q" and not re.search(search["schema"]["pattern"], " \t")
    assert client.get("/v1/items", params={"q": " \t"}).json()["error"]["type"] == "bad_request"


def test_the_schema_gives_the_chat_message_limits(make_recommender) -> None:
    import re

    rec = make_recommender(settings={"embedding_model": "hashing", "chat_max_message_chars": 50})
    with TestClient(create_app(rec, model=scripted_chat_model(["ok"] * 3), mode="guided")) as test_client:
        text = _openapi(test_client)["components"]["schemas"]["MessageBody"]["properties"]["text"]
        assert text["maxLength"] == 50
        assert re.search(text["pattern"], " hi\n")
        assert not any(re.search(text["pattern"], blank) for blank in ("", " \t", "a\x00"))
        session = test_client.post("/v1/sessions", json={}).json()["id"]
        for message in ("x" * 51, " \t", "a\x00"):
            refused = test_client.post(f"/v1/sessions/{session}/messages", json={"text": message})
            assert refused.status_code == 422 and refused.json()["error"]["type"] == "bad_message"


def test_a_method_a_path_does_not_take_is_405_with_allow(client) -> None:
    response = client.put("/v1/recommend", json={})
    assert response.status_code == 405 and response.json()["error"]["type"] == "method_not_allowed"
    assert response.headers["Allow"] == "POST"
