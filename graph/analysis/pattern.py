"""Chain patterns: a small regular language over relation names, compiled to an automaton.

::

    pattern := alt
    alt     := seq ("|" seq)*
    seq     := item+                      (items separated by spaces)
    item    := atom ("+" | "*" | "?")*
    atom    := NAME | "(" alt ")"         (NAME: a relation, e.g. exportsTo or skg:exportsTo)

The default, ``(sanctions|pressures)+ supplies* exportsTo``, reads: one or more hops of
sanctions or pressure, then any number of supply links, then one export link. A relation's
direction is part of it (a supplier ``supplies`` the device maker). The pattern is compiled
to a deterministic automaton (Thompson's construction, then subsets), which the chain search
runs in step with the graph.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import count

from graph.errors import PatternError

__all__ = ["DEFAULT_PATTERN", "Node", "Pattern", "compile_pattern", "parse_pattern", "to_sparql_path"]

DEFAULT_PATTERN = "(sanctions|pressures)+ supplies* exportsTo"
TOKEN = re.compile(r"\s*(?:(?P<name>(?:skg:)?[A-Za-z][A-Za-z0-9_]*)|(?P<op>[()|+*?]))")


@dataclass(frozen=True)
class Node:
    """A node of the pattern's syntax tree: ``name`` (a relation), ``seq``, ``alt``, or a
    repetition ``plus``, ``star``, ``opt`` of one child.
    """

    kind: str
    name: str = ""
    children: tuple[Node, ...] = ()
    position: int = 0


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    position = 0
    while position < len(text):  # pragma: no mutate - at the end, the test below returns anyway
        if text[position:].strip() == "":
            return
        match = TOKEN.match(text, position)
        if match is None:
            offset = position + len(text[position:]) - len(text[position:].lstrip())
            raise PatternError(text, offset, f"unexpected {text[offset]!r}")
        start = match.start("name") if match.group("name") else match.start("op")
        kind = "name" if match.group("name") else match.group("op")
        # an operator's name is never read: any text in place of "" changes nothing
        yield kind, (match.group("name") or "").removeprefix("skg:"), start  # pragma: no mutate
        position = match.end()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = list(_tokens(text))
        self.at = 0

    def peek(self) -> str | None:
        return self.tokens[self.at][0] if self.at < len(self.tokens) else None

    def position(self) -> int:
        return self.tokens[self.at][2] if self.at < len(self.tokens) else len(self.text)

    def fail(self, message: str) -> PatternError:
        return PatternError(self.text, self.position(), message)

    def alt(self) -> Node:
        options = [self.seq()]
        while self.peek() == "|":
            self.at += 1
            options.append(self.seq())
        return options[0] if len(options) == 1 else Node("alt", children=tuple(options))

    def seq(self) -> Node:
        items = []
        while self.peek() in ("name", "("):
            items.append(self.item())
        if not items:
            raise self.fail("expected a relation name or '('")
        return items[0] if len(items) == 1 else Node("seq", children=tuple(items))

    def item(self) -> Node:
        node = self.atom()
        while self.peek() in ("+", "*", "?"):
            kind = {"+": "plus", "*": "star", "?": "opt"}[self.tokens[self.at][0]]
            self.at += 1
            node = Node(kind, children=(node,))
        return node

    def atom(self) -> Node:
        kind, name, position = self.tokens[self.at]
        self.at += 1
        if kind == "name":
            return Node("name", name=name, position=position)
        inner = self.alt()
        if self.peek() != ")":
            raise self.fail("expected ')'")
        self.at += 1
        return inner


def parse_pattern(text: str) -> Node:
    """The syntax tree of a pattern.

    Raises
    ------
    PatternError
        With the position of the first error.

    Examples
    --------
    >>> parse_pattern("supplies* exportsTo").kind
    'seq'
    >>> parse_pattern("(supplies exportsTo")
    Traceback (most recent call last):
    ...
    graph.errors.PatternError: pattern '(supplies exportsTo', at 19: expected ')'
      (supplies exportsTo
                         ^
    """
    parser = _Parser(text)
    if not parser.tokens:
        raise PatternError(text, 0, "the pattern is empty")
    tree = parser.alt()
    if parser.at < len(parser.tokens):
        raise parser.fail(f"unexpected {parser.tokens[parser.at][0]!r}")
    return tree


def _names(tree: Node) -> Iterator[tuple[str, Node]]:
    if tree.kind == "name":
        yield tree.name, tree
    for child in tree.children:
        yield from _names(child)


@dataclass
class _NFA:
    """Thompson's automaton: epsilon moves and labelled moves between numbered states."""

    ids: Iterator[int] = field(default_factory=count)
    epsilon: dict[int, set[int]] = field(default_factory=dict)
    moves: dict[int, list[tuple[str, int]]] = field(default_factory=dict)

    def state(self) -> int:
        return next(self.ids)

    def build(self, tree: Node) -> tuple[int, int]:
        start, end = self.state(), self.state()
        if tree.kind == "name":
            self.moves.setdefault(start, []).append((tree.name, end))
        elif tree.kind == "seq":
            previous = start
            for child in tree.children:
                first, last = self.build(child)
                self.epsilon.setdefault(previous, set()).add(first)
                previous = last
            self.epsilon.setdefault(previous, set()).add(end)
        elif tree.kind == "alt":
            for child in tree.children:
                first, last = self.build(child)
                self.epsilon.setdefault(start, set()).add(first)
                self.epsilon.setdefault(last, set()).add(end)
        else:  # plus, star, opt
            first, last = self.build(tree.children[0])
            self.epsilon.setdefault(start, set()).add(first)
            self.epsilon.setdefault(last, set()).add(end)
            if tree.kind in ("plus", "star"):
                self.epsilon[last].add(first)
            if tree.kind in ("star", "opt"):
                self.epsilon[start].add(end)
        return start, end

    def closure(self, states: frozenset[int]) -> frozenset[int]:
        found = set(states)
        stack = list(states)
        while stack:
            for nxt in self.epsilon.get(stack.pop(), ()):
                if nxt not in found:
                    found.add(nxt)
                    stack.append(nxt)
        return frozenset(found)


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern: a deterministic automaton over relation names.

    ``step(state, relation)`` is the next state or ``None``; states in ``accepting`` end a chain.
    """

    text: str
    tree: Node
    start: int
    accepting: frozenset[int]
    transitions: Mapping[int, Mapping[str, int]]
    relations: frozenset[str]

    def step(self, state: int, relation: str) -> int | None:
        """The state after following ``relation`` from ``state``, or ``None`` if the pattern forbids it."""
        return self.transitions.get(state, {}).get(relation)


def compile_pattern(text: str, relations: Collection[str]) -> Pattern:
    """Parse a pattern, check its relations exist, and compile it.

    Parameters
    ----------
    text : str
        The pattern, e.g. ``"(sanctions|pressures)+ supplies* exportsTo"``.
    relations : Collection[str]
        The relation names of the ontology.

    Raises
    ------
    PatternError
        For a syntax error (with its position), or an unknown relation (listing the known ones).

    Examples
    --------
    >>> p = compile_pattern("pressures+ exportsTo", ["pressures", "exportsTo"])
    >>> s = p.step(p.start, "pressures"); s = p.step(s, "pressures"); p.step(s, "exportsTo") in p.accepting
    True
    >>> p.step(p.start, "exportsTo") is None
    True
    """
    tree = parse_pattern(text)
    for name, node in _names(tree):
        if name not in relations:
            known = (
                f"known: {', '.join(sorted(relations))}"
                if relations
                else "the graph declares no relations: is its ontology loaded? (`load` adds it)"
            )
            raise PatternError(text, node.position, f"unknown relation {name!r}; {known}")
    nfa = _NFA()
    first, last = nfa.build(tree)
    start = nfa.closure(frozenset([first]))
    numbering: dict[frozenset[int], int] = {start: 0}
    transitions: dict[int, dict[str, int]] = {}
    todo = [start]
    while todo:
        current = todo.pop()
        moves: dict[str, set[int]] = {}
        for state in current:
            for name, target in nfa.moves.get(state, ()):
                moves.setdefault(name, set()).add(target)
        for name, targets in sorted(moves.items()):
            following = nfa.closure(frozenset(targets))
            if following not in numbering:
                numbering[following] = len(numbering)
                todo.append(following)
            transitions.setdefault(numbering[current], {})[name] = numbering[following]
    accepting = frozenset(number for states, number in numbering.items() if last in states)
    used = frozenset(name for name, _ in _names(tree))
    return Pattern(text, tree, 0, accepting, transitions, used)


def to_sparql_path(tree: Node, prefix: str = "skg:") -> str:
    """The pattern as a SPARQL 1.1 property path.

    Examples
    --------
    >>> to_sparql_path(parse_pattern("(sanctions|pressures)+ supplies* exportsTo"))
    '((skg:sanctions|skg:pressures))+/(skg:supplies)*/skg:exportsTo'
    """
    if tree.kind == "name":
        return f"{prefix}{tree.name}"
    if tree.kind == "seq":
        return "/".join(to_sparql_path(child, prefix) for child in tree.children)
    if tree.kind == "alt":
        return "(" + "|".join(to_sparql_path(child, prefix) for child in tree.children) + ")"
    suffix = {"plus": "+", "star": "*", "opt": "?"}[tree.kind]
    return f"({to_sparql_path(tree.children[0], prefix)}){suffix}"
