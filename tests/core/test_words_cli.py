"""Words a founder understands, on the command line: history, rules check, profile errors."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from advisor import cli, wording
from advisor.pack import RulePack, load_pack
from advisor.pack.load import DEFAULT_RULES_DIR, RulePackError, pack_from_documents
from advisor.profile import ProfileError, load_profile, profile_from_text, updated_profile

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "northwind-hire-now.yaml"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue(), capsys.readouterr().err


def test_history_company_filter_ignores_case_and_matches_part_of_the_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "advisor.db")
    assert _run(capsys, "assess", str(SAMPLE), "--save", "--db", db)[0] == 0
    code, out, _err = _run(capsys, "history", "--company", "northwind", "--db", db)
    assert code == 0
    assert "Northwind Analytics" in out


def test_history_company_without_match_suggests_the_closest_saved_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "advisor.db")
    assert _run(capsys, "assess", str(SAMPLE), "--save", "--db", db)[0] == 0
    code, _out, err = _run(capsys, "history", "--company", "nortwind analytic", "--db", db)
    assert code == 2
    assert "--company" in err
    assert "did you mean 'Northwind Analytics'?" in err


def _documents_with_broken_file() -> list[tuple[str, bytes]]:
    documents = [(f"rules/{p.name}", p.read_bytes()) for p in sorted(DEFAULT_RULES_DIR.iterdir())]
    readiness = next(i for i, (name, _) in enumerate(documents) if "30-readiness" in name)
    name, content = documents[readiness]
    # A misspelt operator in one file's rule, and a YAML syntax error in another file.
    documents[readiness] = (name, content.replace(b"op: gte", b"op: gtee", 1))
    documents.append(("rules/99-broken.yaml", b"rules: [\n  - id: X\n    title: 'unclosed\n"))
    return documents


def test_rules_check_goes_on_after_a_yaml_error_in_one_file() -> None:
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(_documents_with_broken_file())
    text = str(caught.value)
    assert "rules/99-broken.yaml" in text
    assert "30-readiness.yaml" in text and "gtee" in text
    assert "checked without rules/99-broken.yaml" in text


def test_rules_check_with_a_missing_section_still_checks_the_rules(tmp_path: Path) -> None:
    for source in DEFAULT_RULES_DIR.iterdir():
        if source.name.startswith("00"):
            continue  # the file holding the pack section
        content = source.read_bytes()
        if "30-readiness" in source.name:
            content = content.replace(b"op: gte", b"op: gtee", 1)
        (tmp_path / source.name).write_bytes(content)
    if not any(p.name.startswith("00") for p in DEFAULT_RULES_DIR.iterdir()):
        pytest.skip("the shipped pack keeps its pack section elsewhere")
    with pytest.raises(RulePackError) as caught:
        load_pack(tmp_path)
    text = str(caught.value)
    assert "no 'pack' section" in text and "gtee" in text


def test_misspelt_profile_key_shows_its_did_you_mean_first() -> None:
    text = "company: Acme\nactiv_accounts: 40\nsegment: smb\n"
    with pytest.raises(ProfileError) as caught:
        profile_from_text(text, "acme.yaml")
    problems = caught.value.problems
    assert problems[0].path == "activ_accounts"
    assert "did you mean 'active_accounts'?" in problems[0].message
    assert not any(p.path == "active_accounts" for p in problems)
    assert len(problems) > 5  # the fields really missing are still listed


@pytest.mark.parametrize(
    ("count", "noun", "many", "expected"),
    [
        (1, "account", "", "1 account"),
        (0, "account", "", "0 accounts"),
        (1200, "row", "", "1,200 rows"),
        (1, "active account has", "active accounts have", "1 active account has"),
        (3, "active account has", "active accounts have", "3 active accounts have"),
    ],
)
def test_plural_agrees_with_the_count(count: int, noun: str, many: str, expected: str) -> None:
    assert wording.plural(count, noun, many) == expected


def test_timeline_at_one_account_a_quarter_reads_singular(pack: RulePack) -> None:
    profile = updated_profile(
        load_profile(ROOT / "examples" / "acorn-not-yet.yaml"), {"accounts_added_per_quarter": 1}
    )
    from advisor import present
    from advisor.engine import evaluate

    summary = present.growth_sentence(evaluate(profile, pack, as_of=dt.date(2026, 1, 1)))
    assert "+1 account a quarter" in summary
    assert "+1 accounts" not in summary


def test_score_bar_chart_leaves_room_for_negative_bar_labels(pack: RulePack) -> None:
    from advisor.charts import score_contributions_figure
    from advisor.engine import evaluate

    assessment = evaluate(load_profile(ROOT / "examples" / "acorn-not-yet.yaml"), pack)
    figure = score_contributions_figure(assessment)
    lowest = min(r.score for r in assessment.fired)
    assert lowest < 0
    low, high = figure.layout.xaxis.range
    assert low < lowest * 2  # the label of the longest negative bar fits left of it
    assert high > max(r.score for r in assessment.fired)
    assert all(len(line) <= 30 for label in figure.data[0].y for line in label.split("<br>"))


@pytest.mark.parametrize(
    ("field", "count", "expected"),
    [
        ("current_account_managers", 1, "1 AM"),
        ("current_account_managers", 2, "2 AMs"),
        ("current_account_managers", 0, "0 AMs"),
        ("active_accounts", 1, "1 account"),
        ("active_accounts", 3, "3 accounts"),
        ("accounts_added_per_quarter", 1.0, "1 account/quarter"),
        ("renewal_lead_days", 1, "1 day before expiry"),
        ("renewal_lead_days", 90, "90 days before expiry"),
        ("current_account_managers", None, "not provided"),
    ],
)
def test_count_unit_agrees_with_the_number_instead_of_am_s(
    field: str, count: float | None, expected: str
) -> None:
    assert wording.with_unit(field, count) == expected


def test_flip_point_to_one_am_reads_1_am_not_am_s(pack: RulePack) -> None:
    from advisor.engine import evaluate

    assessment = evaluate(load_profile(SAMPLE), pack)
    texts = [flip.sentence for flip in assessment.flip_points]
    assert any("rose to 1 AM," in text for text in texts), texts
    assert not any("(s)" in text for text in texts)
