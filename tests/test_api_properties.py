"""The HTTP API against its own OpenAPI schema: schemathesis generates requests for every operation.

The app is the real one, in process (ASGI), over a real workspace with the 16-movie catalog and its index; the
chat model is scripted and the agent guided, so the chat answers the same way every run. Every response must
be one the schema declares (status code, content type, headers, body) and none may be a server error; requests
the schema allows must not be refused, and requests it forbids must be. Bounded for CI: a fixed number of
examples per operation, generated from a fixed seed (derandomized), with no deadline and no example database;
API_PROPERTY_EXAMPLES=200 runs more of them (minutes) when looking for trouble.

schemathesis' own pytest fixture loader (`schemathesis.pytest.from_fixture`) does not run under pytest 9.2 (it
sets `Function._nodeid`, which pytest 9.2 no longer has), so the operations' Hypothesis strategies are driven
here directly; each operation's failures are gathered and reported together.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

from recagent.server import create_app  # noqa: E402
from recagent.testing import scripted_chat_model  # noqa: E402

EXAMPLES = int(os.environ.get("API_PROPERTY_EXAMPLES", "25"))
# Ids that exist in the workspace (tests/chat_catalog.py), so that generated requests reach past the 404s.
KNOWN_USER, KNOWN_ITEMS = "u1", ("3", "1", "6")


@pytest.fixture
def api(chat_recommender) -> Iterator[Any]:
    from schemathesis.python.asgi import shutdown_lifespans

    # Every chat message takes one scripted reply; far more than the examples can send.
    model = scripted_chat_model(["picks for you"] * 5000)
    app = create_app(chat_recommender, model=model, mode="guided")
    yield schemathesis.openapi.from_asgi("/openapi.json", app)  # starts the app's lifespan: the agent loads
    shutdown_lifespans()  # the agent closes before the workspace does


def _session(api: Any) -> str:
    response = api["/v1/sessions"]["POST"].Case(body={"user": "u2"}).call()
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _known_path(api: Any, operation: Any) -> dict[str, str]:
    """Path parameters that name what exists: a known user and item, and a new chat session."""
    names = {parameter.name for parameter in operation.path_parameters}
    known = {"user": KNOWN_USER, "item_id": KNOWN_ITEMS[0]}
    ids = {name: value for name, value in known.items() if name in names}
    if "session_id" in names:
        ids["session_id"] = _session(api)
    return ids


def _known_body(case: Any) -> Any:
    """The case with the ids in its body swapped for ones that exist; the body keeps its shape and stays valid."""
    if isinstance(case.body, dict):
        body = dict(case.body)
        if isinstance(body.get("user"), str):
            body["user"] = KNOWN_USER
        if isinstance(body.get("item"), str):
            body["item"] = KNOWN_ITEMS[0]
        for key in ("history", "allow", "deny"):
            if isinstance(body.get(key), list):
                body[key] = [KNOWN_ITEMS[i % len(KNOWN_ITEMS)] for i in range(len(body[key]))]
        case.body = body
    return case


def _failure(strategy: Any) -> str | None:
    """What the checks found over the strategy's examples, or None."""

    # Drawing a big or pattern-bound body can be slow on a busy machine: that says nothing about the API.
    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
    @given(case=strategy)
    def check(case: Any) -> None:
        response = case.call()
        # The schema allows any filter field: which fields and categories exist is the catalog's, known only
        # at run time. A well-formed filter the catalog cannot match is refused, and that is no schema breach.
        refused = response.status_code == 400 and "not_in_catalog" in response.text
        case.validate_response(response, excluded_checks=[positive_data_acceptance] if refused else [])

    try:
        check()
    except Unsatisfiable:
        raise
    except (Exception, schemathesis.errors.FailureGroup) as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_every_operation_answers_as_its_schema_says(api, mode) -> None:
    failures, tried, operations = [], set(), [result.ok() for result in api.get_all_operations()]
    # Deleting the known item or user first would leave the other operations only unknown ids to try.
    operations.sort(key=lambda operation: operation.method.upper() == "DELETE")
    for operation in operations:
        strategies = [operation.as_strategy(mode)]
        if mode is GenerationMode.POSITIVE and (operation.path_parameters or operation.body):
            known = operation.as_strategy(mode, path_parameters=_known_path(api, operation))
            strategies.append(known.map(_known_body))
        for strategy in strategies:
            try:
                found = _failure(strategy)
            except Unsatisfiable:
                # Nothing in the operation can be made invalid (no parameters, no body): nothing to send.
                assert mode is GenerationMode.NEGATIVE, operation.label
                continue
            tried.add(operation.label)
            if found:
                failures.append(f"{operation.label}: {found}")
    assert not failures, "\n\n".join(failures)
    untried = {"GET /healthz", "GET /readyz"} if mode is GenerationMode.NEGATIVE else set()
    assert {operation.label for operation in operations} - tried == untried
