"""Ids as they enter recagent (users, items, chat sessions): text that can be stored, shown and typed.

One check, used wherever ids arrive: the SDK, ingest and the server. A control character (NUL, a newline, an
escape...) in an id would be stored as it is and then break what shows or sends it: logs, tables, URLs, files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from recagent.errors import InvalidIdError

__all__ = ["check_id", "check_ids", "ID_PATTERN"]

_CONTROL = r"\u0000-\u001f\u007f-\u009f"  # C0 and C1 control characters, and DEL
# ... and lone surrogates, which no UTF-8 text can hold.
_UNUSABLE = re.compile(rf"[{_CONTROL}\ud800-\udfff]")
# A usable id as a JSON Schema pattern, for the HTTP API's schema. Lone surrogates are left out: a validator
# that reads text as UTF-16 (JavaScript's) would take every emoji for two of them.
ID_PATTERN = f"^[^{_CONTROL}]+$"


def check_id(value: str, what: str, *, index: int | None = None) -> str:
    """`value` when it is a usable id; else an InvalidIdError that names `what` ("user id") and says why."""
    if not isinstance(value, str):
        raise InvalidIdError(what, value, f"is a {type(value).__name__}, not text", index=index)
    if not value:
        raise InvalidIdError(what, value, "is empty", index=index)
    found = _UNUSABLE.search(value)
    if found is not None:
        character = found.group()
        kind = ("a lone surrogate (U+{:04X}), which is not valid Unicode," if "\ud800" <= character <= "\udfff"
                else "a control character (U+{:04X})").format(ord(character))
        raise InvalidIdError(what, value, f"contains {kind} at position {found.start()}", index=index)
    return value


def check_ids(values: Sequence[str], what: str) -> None:
    """`check_id` for each value; the error of the first unusable one carries its position as `index`."""
    try:
        # One search over all of them: an ingest checks hundreds of thousands of ids.
        if "" not in values and _UNUSABLE.search(" ".join(values)) is None:
            return
    except TypeError:  # not all text: the loop below says which
        pass
    for index, value in enumerate(values):
        check_id(value, what, index=index)
