"""Chat sessions in PostgreSQL (`store_url`): two workspaces on one database continue each other's sessions."""

from __future__ import annotations

import asyncio

from recagent import Recommender
from recagent.testing import scripted_chat_model
from tests.chat_catalog import CHAT_EVENTS, CHAT_ITEMS


def _open(folder, url) -> Recommender:
    return Recommender.open(folder, settings={"embedding_model": "hashing", "store_url": url})


def test_a_session_started_in_one_workspace_goes_on_in_another(postgres_url, tmp_path) -> None:
    with _open(tmp_path / "a", postgres_url) as first, _open(tmp_path / "b", postgres_url) as second:
        first.ingest(items=CHAT_ITEMS, events=CHAT_EVENTS)
        for rec in (first, second):
            rec.build_index()
        started = first.chat_agent(scripted_chat_model(["Here are some."] * 4), "guided").session(user="u1")
        opening = started.send("I loved Heat. Something like it, no horror")
        assert opening.items

        agent = second.chat_agent(scripted_chat_model(["More."] * 4), "guided")
        assert [info.id for info in second.chat_sessions("u1")] == [started.id]
        assert second.chat_sessions("u1")[0].title == "I loved Heat. Something like it, no horror"
        resumed = agent.session(started.id, user="u1")
        assert resumed.history()[0] == ("user", "I loved Heat. Something like it, no horror")
        assert resumed.state()["exclude_categories"] == ["Horror"]  # the state travelled with the messages

        async def go_on() -> tuple:
            reply = await resumed.asend("more please")
            checkpointer = (await agent.async_graph()).checkpointer
            await agent.aclose()
            return reply, checkpointer

        more, checkpointer = asyncio.run(go_on())
        assert type(checkpointer).__name__ == "AsyncPostgresSaver"
        assert not {r.item.id for r in more.items} & {r.item.id for r in opening.items}
        assert [role for role, _ in started.history()] == ["user", "assistant", "user", "assistant"]
        assert not (tmp_path / "a" / "sessions.sqlite").exists() and not (tmp_path / "b" / "sessions.sqlite").exists()


def test_erasing_a_user_removes_their_sessions_from_postgresql(postgres_url, tmp_path) -> None:
    with _open(tmp_path / "a", postgres_url) as rec:
        rec.ingest(items=CHAT_ITEMS, events=CHAT_EVENTS)
        rec.build_index()
        agent = rec.chat_agent(scripted_chat_model(["Sure."] * 4), "guided")
        kept = agent.session(user="u2")
        kept.send("any comedy?")
        erased = agent.session(user="u1")
        erased.send("I loved Heat")
        removed = rec.erase_user("u1")
        assert removed.sessions == 1
        assert [info.id for info in rec.chat_sessions()] == [kept.id]
        assert not agent.checkpointer.get_tuple({"configurable": {"thread_id": erased.id}})
        assert agent.checkpointer.get_tuple({"configurable": {"thread_id": kept.id}})


def test_servers_starting_together_set_up_the_session_tables_in_turn(postgres_url) -> None:
    """LangGraph's migrations build indexes CONCURRENTLY, which waits for every transaction begun before it: a
    second server blocked waiting for the setup lock was one, and the two waited for each other for good."""
    from concurrent.futures import ThreadPoolExecutor

    from recagent.agent.session_storage import session_storage

    with ThreadPoolExecutor(3) as pool:
        starting = [pool.submit(session_storage, "unused", postgres_url) for _ in range(3)]
        storages = [future.result(timeout=120) for future in starting]
    for storage in storages:
        assert storage.registry.sessions() == []
        storage.close()
