"""Wards shared out over the jobs of a CI matrix: `build-all --shard K/N` builds shard K.

A ward's shard follows from its id alone (a SHA-256 of it, modulo N), so adding a ward moves
no other ward to another job, and each job's cache of its wards' last good sites stays good.
"""

from __future__ import annotations

import hashlib
import re

_SHARD = re.compile(r"^([0-9]{1,4})/([0-9]{1,4})$")


class ShardError(ValueError):
    """A `--shard` value that is not K/N with 0 ≤ K < N."""


def parse_shard(text: str) -> tuple[int, int]:
    found = _SHARD.match(text)
    if not found or not 0 <= int(found[1]) < int(found[2]):
        raise ShardError(f"--shard {text!r}: viết K/N, với 0 ≤ K < N, ví dụ 0/4")
    return int(found[1]), int(found[2])


def shard_of(ward_id: str, shards: int) -> int:
    return int.from_bytes(hashlib.sha256(ward_id.encode()).digest()[:8], "big") % shards


def in_shard(ward_id: str, shard: tuple[int, int] | None) -> bool:
    return shard is None or shard_of(ward_id, shard[1]) == shard[0]
