"""User sequences from the store, and the leave-one-out split: last item test, second-to-last validation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from recagent.errors import NotEnoughDataError
from recagent.store import Store

__all__ = ["user_sequences", "LeaveOneOut", "leave_one_out"]

MIN_SEQUENCE = 3


def user_sequences(store: Store) -> dict[str, list[str]]:
    """Each user's items oldest first, each item once at its latest interaction (as in `Store.user_history`)."""
    sequences: dict[str, dict[str, None]] = {}
    for event in store.iter_events():
        seen = sequences.setdefault(event.user, {})
        seen.pop(event.item, None)  # a repeat moves the item to its latest position
        seen[event.item] = None
    return {user: list(items) for user, items in sequences.items()}


@dataclass(frozen=True)
class LeaveOneOut:
    """Sequences as catalog indices, split per user: history, validation item and test item.

    ``train`` holds every user's sequence without its test item, so its last item is the validation
    item of users with at least three items; users with fewer items are only trained on.
    """

    item_ids: tuple[str, ...]
    users: tuple[str, ...]
    train: tuple[np.ndarray, ...]
    test_users: np.ndarray
    test_items: np.ndarray

    @property
    def n_items(self) -> int:
        return len(self.item_ids)

    def test_history(self, position: int) -> np.ndarray:
        """The history the test item of the `position`-th test user is predicted from."""
        return self.train[self.test_users[position]]


def leave_one_out(store: Store, *, max_users: int | None = None, seed: int = 0) -> LeaveOneOut:
    """Split the store's sequences; `max_users` evaluates a seeded sample of the users (all still train)."""
    item_ids = tuple(sorted(store.item_ids()))
    if not item_ids:
        raise NotEnoughDataError(
            "the workspace has no items to evaluate; ingest a dataset first (`recagent ingest ...`)"
        )
    index = {item_id: position for position, item_id in enumerate(item_ids)}
    sequences = user_sequences(store)
    users = tuple(sorted(sequences))
    train: list[np.ndarray] = []
    test_users: list[int] = []
    test_items: list[int] = []
    for position, user in enumerate(users):
        encoded = np.fromiter((index[item] for item in sequences[user] if item in index), dtype=np.int64)
        if len(encoded) >= MIN_SEQUENCE:
            test_users.append(position)
            test_items.append(int(encoded[-1]))
            encoded = encoded[:-1]
        train.append(encoded)
    if not test_users:
        raise NotEnoughDataError(
            f"no user has {MIN_SEQUENCE} or more events, which leave-one-out evaluation needs "
            "(one to test, one to validate, the rest to train); ingest more events"
        )
    chosen = np.arange(len(test_users))
    if max_users is not None and max_users < len(chosen):
        chosen = np.sort(np.random.default_rng(seed).choice(len(chosen), max_users, replace=False))
    return LeaveOneOut(
        item_ids=item_ids,
        users=users,
        train=tuple(train),
        test_users=np.asarray(test_users, dtype=np.int64)[chosen],
        test_items=np.asarray(test_items, dtype=np.int64)[chosen],
    )

