"""The pattern language: what it accepts, how it fails, and its SPARQL form."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.pattern import DEFAULT_PATTERN, Node, compile_pattern, parse_pattern, to_sparql_path
from graph.errors import PatternError

RELATIONS = ["sanctions", "pressures", "supplies", "exportsTo", "makes"]
LETTER = {name: chr(ord("a") + i) for i, name in enumerate(RELATIONS)}
PATTERNS = [
    DEFAULT_PATTERN,
    "pressures exportsTo",
    "(pressures|supplies)* exportsTo",
    "pressures? supplies+",
    "((sanctions pressures)|makes)+ exportsTo?",
    "skg:pressures+ skg:exportsTo",
]


def as_regex(tree: Node) -> str:
    """The same pattern as a Python regular expression over one letter a relation."""
    if tree.kind == "name":
        return LETTER[tree.name]
    if tree.kind == "seq":
        return "".join(f"(?:{as_regex(c)})" for c in tree.children)
    if tree.kind == "alt":
        return "|".join(f"(?:{as_regex(c)})" for c in tree.children)
    return f"(?:{as_regex(tree.children[0])})" + {"plus": "+", "star": "*", "opt": "?"}[tree.kind]


def accepts(pattern: str, word: list[str]) -> bool:
    compiled = compile_pattern(pattern, RELATIONS)
    state: int | None = compiled.start
    for relation in word:
        state = compiled.step(state, relation) if state is not None else None
    return state is not None and state in compiled.accepting


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.lists(st.sampled_from(RELATIONS), max_size=6))
def test_the_automaton_accepts_what_a_regular_expression_accepts(pattern: str, word: list[str]) -> None:
    expected = re.fullmatch(as_regex(parse_pattern(pattern)), "".join(LETTER[r] for r in word)) is not None
    assert accepts(pattern, word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        (["pressures", "exportsTo"], True),
        (["sanctions", "pressures", "supplies", "supplies", "exportsTo"], True),
        (["supplies", "exportsTo"], False),
        (["pressures"], False),
        (["pressures", "exportsTo", "exportsTo"], False),
    ],
)
def test_default_pattern(word: list[str], expected: bool) -> None:
    assert accepts(DEFAULT_PATTERN, word) is expected


@pytest.mark.parametrize(
    ("pattern", "position", "says"),
    [
        ("(pressures exportsTo", 20, "expected ')'"),
        ("pressures) exportsTo", 9, "unexpected ')'"),
        ("pressures exportsTo)+", 19, "unexpected ')'"),
        ("pressures | | exportsTo", 12, "expected a relation name or '('"),
        ("+pressures", 0, "expected a relation name or '('"),
        ("pressures exports-To", 17, "unexpected '-'"),
        ("pressures exportsTo  %", 21, "unexpected '%'"),
        ("", 0, "the pattern is empty"),
        ("   ", 0, "the pattern is empty"),
        ("()", 1, "expected a relation name or '('"),
    ],
)
def test_malformed_patterns_name_the_position_and_what_is_wrong(
    pattern: str, position: int, says: str
) -> None:
    with pytest.raises(PatternError) as error:
        compile_pattern(pattern, RELATIONS)
    assert error.value.position == position
    assert error.value.pattern == pattern
    first_line, shown, pointer = str(error.value).split("\n")
    assert first_line == f"pattern {pattern!r}, at {position}: {says}"
    assert (shown, pointer) == (f"  {pattern}", "  " + " " * position + "^")


def test_unknown_relation_is_named_with_the_known_ones() -> None:
    with pytest.raises(PatternError) as error:
        compile_pattern("pressures+ supply* exportsTo", RELATIONS)
    assert error.value.position == 11
    assert error.value.pattern == "pressures+ supply* exportsTo"
    assert "unknown relation 'supply'" in str(error.value)
    assert "known: exportsTo, makes, pressures, sanctions, supplies" in str(error.value)


def test_sparql_form_of_the_default() -> None:
    assert to_sparql_path(parse_pattern(DEFAULT_PATTERN)) == (
        "((skg:sanctions|skg:pressures))+/(skg:supplies)*/skg:exportsTo"
    )


def test_sparql_form_with_another_prefix() -> None:
    tree = parse_pattern("(sanctions|pressures)+ supplies? exportsTo*")
    assert to_sparql_path(tree, "ex:") == "((ex:sanctions|ex:pressures))+/(ex:supplies)?/(ex:exportsTo)*"


def test_a_compiled_pattern_keeps_its_text_tree_and_relations() -> None:
    compiled = compile_pattern(DEFAULT_PATTERN, RELATIONS)
    assert compiled.text == DEFAULT_PATTERN
    assert compiled.tree == parse_pattern(DEFAULT_PATTERN)
    assert compiled.relations == frozenset({"sanctions", "pressures", "supplies", "exportsTo"})
    assert compiled.start == 0


def test_one_relation_is_a_name_not_a_sequence() -> None:
    assert parse_pattern("exportsTo") == Node("name", name="exportsTo", position=0)
    assert parse_pattern("(exportsTo)").kind == "name"
    assert parse_pattern("exportsTo supplies").kind == "seq"


def test_a_graph_without_relations_is_told_its_ontology_may_be_missing() -> None:
    with pytest.raises(PatternError) as error:
        compile_pattern("pressures exportsTo", [])
    assert error.value.pattern == "pressures exportsTo"
    assert error.value.position == 0
    assert "unknown relation 'pressures'; the graph declares no relations: is its ontology loaded?" in str(
        error.value
    )
