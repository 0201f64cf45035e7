"""Whose last item stays out of training: one order of users, shared by every model that holds some out.

The GPT interest model validates on the first 10,000 users of this order that have three items or more (their
last items are not trained on; every other user trains whole), and the ranker learns from the first
`ranking_train_users` (5,000) of the same order: users whose last item the GPT model never saw, so the ranker
judges it on what it must predict, not on what it memorised. The order hashes each user's sequence of item ids,
which every trainer knows (the GPT model sees no user ids while an evaluation trains it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

__all__ = ["holdout_order"]


def holdout_order(sequences: Sequence[Sequence[str]]) -> list[int]:
    """Positions of `sequences` (each a user's item ids, oldest first) in the order their users are held out."""
    keys = [hashlib.blake2b("\x1f".join(map(str, sequence)).encode(), digest_size=8).digest() for sequence in sequences]
    return sorted(range(len(sequences)), key=lambda position: (keys[position], position))
