"""The batch's short trace: the same verdict, score, reasons and headline as the full one."""

from __future__ import annotations

from advisor.engine import evaluate
from advisor.pack import RulePack
from advisor.profile import CompanyProfile


def test_a_short_trace_decides_exactly_like_the_full_trace(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    for profile in samples.values():
        full = evaluate(profile, pack, with_flip_points=False)
        short = evaluate(profile, pack, with_flip_points=False, full_trace=False)
        assert (short.verdict, short.score, short.raw_score) == (
            full.verdict,
            full.score,
            full.raw_score,
        )
        assert short.headline == full.headline and short.blockers == full.blockers
        assert short.fired == full.fired and short.economics == full.economics
        assert short.trace == full.fired  # only the rules that fired, each with its conditions
