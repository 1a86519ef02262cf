"""What is wrong with an import, said in words: one record per problem, and the report as a table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    """One thing a person must fix (an error) or should know (a warning).

    `row` is the row number as a spreadsheet shows it (the header is row 1 for a plain file);
    None means the whole file or a whole column. Messages are in the language of the run.
    """

    message: str
    action: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    severity: str = ERROR
    table: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class ImportFailure(Exception):
    """The file cannot be imported at all; `problem` says why and what to do."""

    def __init__(self, message: str, action: str) -> None:
        super().__init__(message)
        self.problem = Problem(message=message, action=action)

    def __reduce__(self) -> tuple[type[ImportFailure], tuple[str, str]]:
        return ImportFailure, (self.problem.message, self.problem.action)

    @property
    def message(self) -> str:
        return self.problem.message

    @property
    def action(self) -> str:
        return self.problem.action

    def __str__(self) -> str:
        return f"{self.problem.message} {self.problem.action}".strip()


def shown_value(value: object, limit: int = 200) -> str | None:
    """A cell as it appears in a report: text, cut short when very long."""
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: How many problems a report lists one by one; the rest are counted by kind.
MAX_LISTED = 5_000


class ProblemList:
    """Problems as they are found, listed one by one up to `limit` and then only counted, by
    kind (the same column, severity and thing to do), so a file with a million bad cells
    gives a report of a few thousand lines and a count of the rest, not a million lines."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        self.limit = limit
        self.listed: list[Problem] = []
        self.more: dict[tuple[str, str | None, str, str | None], list[object]] = {}

    def add(self, problem: Problem) -> None:
        if len(self.listed) < self.limit:
            self.listed.append(problem)
            return
        kind = (problem.severity, problem.column, problem.action, problem.table)
        if kind in self.more:
            count = self.more[kind][0]
            assert isinstance(count, int)
            self.more[kind][0] = count + 1
        else:
            self.more[kind] = [1, problem.message]

    def summaries(self, say: Callable[[int, str], str]) -> list[Problem]:
        """One line per kind of problem left out of the list, with how many there are: `say`
        words it from the count and an example (the caller's words, in the reader's
        language)."""
        found = []
        for (severity, column, action, table), (count, example) in self.more.items():
            assert isinstance(count, int)
            found.append(
                Problem(
                    message=say(count, shown_value(example, 120) or ""),
                    action=action,
                    column=column,
                    severity=severity,
                    table=table,
                )
            )
        return found
