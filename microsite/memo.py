"""Results of pure functions, remembered between the builds of one long-running process.

The live preview rebuilds the whole site on every save; most of the checks
it runs give the same answer as last time, for the same inputs. A
:class:`Memo` remembers an answer under a key that names *all* the inputs
of the computation (the texts themselves, or digests of them), so a hit is
exactly what computing again would give. Nothing here is ever stale by
design: a changed input is a different key.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Hashable
from typing import Any


class Memo:
    """A dictionary of results by key; only what the last build asked for is kept (``prune``)."""

    def __init__(self) -> None:
        self.known: dict[Hashable, Any] = {}
        self.used: set[Hashable] = set()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The result remembered under ``key``, or ``make()``'s, remembered."""
        self.used.add(key)
        try:
            return self.known[key]
        except KeyError:
            value = self.known[key] = make()
            return value

    def prune(self) -> None:
        """Forget what the build just finished did not use (so memory does not grow with every edit)."""
        self.known = {key: value for key, value in self.known.items() if key in self.used}
        self.used = set()


def digest_of(value: object) -> str:
    """A digest of a picklable value: equal digests mean equal values (the reverse may not hold)."""
    return hashlib.blake2b(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).hexdigest()
