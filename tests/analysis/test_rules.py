"""The rule files: each shipped rule reads and says what its texts say; a bad file names its field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from graph.analysis.rules import known_rules, load_rule, rule_window
from graph.errors import InputError, QueryError
from graph.paths import default_ontology_dir


def test_the_shipped_rules_state_threshold_comparison_aggregation_and_control() -> None:
    found = {
        name: (rule.threshold, rule.comparison, rule.aggregate, rule.control)
        for name in known_rules()
        for rule in [load_rule(name)]
    }
    assert found == {
        "bis-affiliates": (Decimal(50), ">=", True, False),
        "eu": (Decimal(50), ">=", True, True),
        "ofac": (Decimal(50), ">=", True, False),
        "uk": (Decimal(50), ">", False, True),
    }


def test_every_rule_cites_its_sources_and_seeds_from_at_least_one_list() -> None:
    for name in known_rules():
        rule = load_rule(name)
        assert rule.sources
        assert all(source["title"] and source["citation"] for source in rule.sources)
        assert rule.lists
        assert rule.note


def test_the_bis_affiliates_rule_is_suspended_for_a_year_from_10_november_2025() -> None:
    rule = load_rule("bis-affiliates")
    in_force = [rule.in_force_on(dt.date.fromisoformat(day)) for day in (
        "2025-09-28", "2025-09-29", "2025-11-09", "2025-11-10", "2026-11-09", "2026-11-10",
    )]  # fmt: skip
    assert in_force == [False, True, True, False, False, True]
    with pytest.raises(QueryError) as raised:
        rule_window(rule, dt.date(2026, 1, 1))
    assert raised.value.parameter == "as-of"
    assert "2025-09-29 to 2025-11-09" in str(raised.value)


def test_an_unknown_rule_lists_the_known_ones() -> None:
    with pytest.raises(QueryError) as raised:
        load_rule("fatf")
    assert raised.value.parameter == "rule"
    assert all(name in str(raised.value) for name in known_rules())


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = (default_ontology_dir() / "rules" / "ofac.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edited.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('comparison = ">="', 'comparison = "=>"', "comparison"),
        ("threshold = 50", "threshold = 150", "threshold"),
        ("threshold = 50", 'threshold = "fifty"', "threshold"),
        ("aggregate = true", 'aggregate = "yes"', "aggregate"),
        ("control = false ", "# control = false ", "control"),
        ('indirect = "in-full"', 'indirect = "sideways"', "indirect"),
        ("from = 2014-08-13", 'from = "13 August 2014"', "in_force[1].from"),
        ('authorities = ["OFAC"', 'authority = ["OFAC"', "lists[1].authority"),
        (
            'authorities = ["OFAC", "Office of Foreign Assets Control"]',
            "authorities = []",
            "lists[1].authorities",
        ),
        ('citation = "Federal Register', 'cite = "Federal Register', "sources[1].citation"),
    ],
)
def test_a_malformed_rule_file_names_file_and_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    path = _edited(tmp_path, old, new)
    with pytest.raises(InputError) as raised:
        load_rule(path)
    [problem] = raised.value.problems
    assert (problem.file, problem.column, problem.kind) == (str(path), field, "bad-rule")


def test_a_rule_file_that_is_not_toml_or_missing_is_a_located_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("threshold = = 50\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_rule(broken)
    assert [(p.file, p.kind) for p in raised.value.problems] == [(str(broken), "bad-rule")]
    with pytest.raises(InputError) as missing:
        load_rule(tmp_path / "none.toml")
    assert [p.kind for p in missing.value.problems] == ["missing-file"]


def test_an_edited_rule_file_changes_the_rule(tmp_path: Path) -> None:
    rule = load_rule(_edited(tmp_path, "threshold = 50", "threshold = 25"))
    assert rule.threshold == Decimal(25)
