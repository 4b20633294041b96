"""Large files for upload lessons and checks: random bytes written quickly, hashed while they are written.

    sha256 = write_random_file(path, 200 * MiB)    # about a second for 200 MiB on a local disk

The bytes come from `os.urandom` in blocks of 4 MiB, each written and hashed as it is made, so that the file
is never in memory whole and the SHA-256 needs no second pass over it. Random bytes do not compress: what is
sent is what is on disk.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

MiB = 1024 * 1024
BLOCK_SIZE = 4 * MiB
"""How much is made, written and hashed at a time."""


def write_random_file(path: Path | str, size: int) -> str:
    """Write `size` random bytes to `path` (replacing any file there); return their SHA-256, in hex."""
    digest = hashlib.sha256()
    with open(path, "wb") as file:
        left = size
        while left > 0:
            block = os.urandom(min(BLOCK_SIZE, left))
            file.write(block)
            digest.update(block)
            left -= len(block)
    return digest.hexdigest()
