"""What is derived from one rule pack object, kept while that object lives in the cache.

A pack is not changed once loaded, so what a pure function derives from it (and a few plain
arguments) stays true for that object: the same figures are not looked up again for every
assessment. Keyed by the pack's identity, with the pack itself kept, so a new pack (another
upload, a pack made with `dataclasses.replace`) never meets another's answers.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import wraps
from typing import ParamSpec, TypeVar

__all__ = ["per_pack"]

P = ParamSpec("P")
R = TypeVar("R")

# Answers kept per function: a long app session with many uploads drops the oldest.
LIMIT = 256


def per_pack(function: Callable[P, R]) -> Callable[P, R]:
    """Cache a pure function whose first argument is a rule pack and whose others are hashable."""
    answers: dict[Hashable, tuple[object, R]] = {}

    @wraps(function)
    def cached(*args: P.args, **kwargs: P.kwargs) -> R:
        pack = args[0]
        key = (id(pack), args[1:], tuple(sorted(kwargs.items())))
        found = answers.get(key)
        if found is not None and found[0] is pack:
            return found[1]
        answer = function(*args, **kwargs)
        answers.pop(key, None)
        while len(answers) >= LIMIT:
            answers.pop(next(iter(answers)), None)
        answers[key] = (pack, answer)
        return answer

    return cached
