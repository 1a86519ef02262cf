"""What is wrong with an import, said in words: one record per problem, and the report as a table."""

from __future__ import annotations

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
