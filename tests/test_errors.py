"""Errors carry their location."""

from graph import InputError, Problem, SanctionsKGError


def test_input_error_keeps_every_problem_in_order() -> None:
    problems = [Problem("a.csv", 2, "x", "bad-date", "m"), Problem("b.csv", None, None, "missing-file", "n")]
    error = InputError(problems)
    assert error.problems == tuple(problems)
    assert isinstance(error, SanctionsKGError)
    assert str(error).splitlines()[1:] == ['a.csv, row 2, column "x": bad-date: m', "b.csv: missing-file: n"]


def test_problem_location() -> None:
    assert Problem("a.csv", 3, "id", "bad-id", "m").location == ("a.csv", 3, "id")
