"""User sequences from the store, and the splits: leave-one-out (each user's last item is the test) and temporal
(one moment in time divides the past to learn from and the future to predict)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from recagent.errors import NotEnoughDataError
from recagent.store import Store
from recagent.types import Event

__all__ = ["user_sequences", "LeaveOneOut", "leave_one_out", "temporal_split", "SPLITS"]

MIN_SEQUENCE = 3
SPLITS = ("leave-one-out", "temporal")
TEST_SHARE = 0.1  # the temporal split's future: the last tenth of the events, by time


def user_sequences(store: Store) -> dict[str, list[str]]:
    """Each user's items oldest first, each item once at its latest interaction (as in `Store.user_history`)."""
    return _sequences(store.iter_events())


def _sequences(events: Iterable[Event]) -> dict[str, list[str]]:
    """`user_sequences` of these events (ordered by user, then time)."""
    sequences: dict[str, dict[str, None]] = {}
    for event in events:
        seen = sequences.setdefault(event.user, {})
        seen.pop(event.item, None)  # a repeat moves the item to its latest position
        seen[event.item] = None
    return {user: list(items) for user, items in sequences.items()}


@dataclass(frozen=True)
class LeaveOneOut:
    """Sequences as catalog indices, split per user: history, validation item and test item.

    ``train`` holds every user's sequence without its test item, so its last item is the validation
    item of users with at least three items; users with fewer items are only trained on. ``cutoff`` is the
    temporal split's moment (None for leave-one-out): ``train`` then holds only what happened before it.
    """

    item_ids: tuple[str, ...]
    users: tuple[str, ...]
    train: tuple[np.ndarray, ...]
    test_users: np.ndarray
    test_items: np.ndarray
    cutoff: float | None = None

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
    return _sampled(item_ids, users, tuple(train), test_users, test_items, max_users, seed)


def _sampled(item_ids: tuple[str, ...], users: tuple[str, ...], train: tuple[np.ndarray, ...],
             test_users: Sequence[int], test_items: Sequence[int], max_users: int | None, seed: int,
             cutoff: float | None = None) -> LeaveOneOut:
    """The split, its test users a seeded sample of `max_users` of them when given (every user still trains)."""
    chosen = np.arange(len(test_users))
    if max_users is not None and max_users < len(chosen):
        chosen = np.sort(np.random.default_rng(seed).choice(len(chosen), max_users, replace=False))
    return LeaveOneOut(
        item_ids=item_ids,
        users=users,
        train=train,
        test_users=np.asarray(test_users, dtype=np.int64)[chosen],
        test_items=np.asarray(test_items, dtype=np.int64)[chosen],
        cutoff=cutoff,
    )


def temporal_split(store: Store, *, test_share: float = TEST_SHARE, max_users: int | None = None,
                   seed: int = 0) -> LeaveOneOut:
    """Split at the moment after which `test_share` of the events happened: models learn only from the past.

    A user with at least two items before the cutoff and a new item after it is a test user: the test item is
    the first new item after the cutoff, predicted from the user's items before it. Leave-one-out lets a model
    train on events later than another user's test item; this split does not, so its figures are lower and
    closer to what serving sees.
    """
    item_ids = tuple(sorted(store.item_ids()))
    first, last = store.time_span()
    if not item_ids or first is None or last is None or first == last:
        raise NotEnoughDataError("the temporal split needs events at different times; ingest timestamped events")
    events = list(store.iter_events())  # read once: the cutoff, the past and the future all come from them
    times = np.fromiter((event.timestamp for event in events), dtype=np.float64, count=len(events))
    cutoff = float(np.quantile(times, 1.0 - test_share))
    index = {item_id: position for position, item_id in enumerate(item_ids)}
    past = _sequences(event for event in events if event.timestamp < cutoff)
    seen = {user: set(items) for user, items in past.items()}
    future: dict[str, str] = {}
    for event in events:  # by user, then time: the first new item after the cutoff wins
        if event.timestamp >= cutoff and event.user not in future and event.item not in seen.get(event.user, ()):
            future[event.user] = event.item
    users = tuple(sorted(past))
    train = tuple(np.fromiter((index[item] for item in past[user] if item in index), dtype=np.int64)
                  for user in users)
    test_users = [position for position, user in enumerate(users)
                  if user in future and future[user] in index and len(train[position]) >= MIN_SEQUENCE - 1]
    if not test_users:
        raise NotEnoughDataError(
            "no user has two items before the temporal split's cutoff and a new one after it; "
            "use the leave-one-out split"
        )
    test_items = [index[future[users[position]]] for position in test_users]
    return _sampled(item_ids, users, train, test_users, test_items, max_users, seed, cutoff)
