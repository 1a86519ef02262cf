"""Checks on the translations: every message has Welsh, and no user-facing text skips `t()`.

Messages are found the standard gettext way, with Babel (keywords `t` and `tn:1,2`, read from
the syntax tree); `landscape i18n extract` writes them to a POT template for translators.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeGuard

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from dashboard.common.i18n import CATALOGUES, WELSH, catalogue

ROOT = Path(__file__).resolve().parents[2]
#: Where user-facing code lives (relative to the repository root).
SOURCE_DIRS = ("dashboard", "pages", "db")
ENTRY_SCRIPTS = ("app.py",)
KEYWORDS = {"t": None, "tn": (1, 2)}
#: Where bare text passed to Streamlit is a bug: the page scripts, the entry script, and the
#: Streamlit helpers (every `ui` folder under dashboard/: the shared one and each page's own).
UI_CODE = ("pages", "app.py")
UI_FOLDER = "ui"
#: Streamlit calls whose first argument, or these keywords, are text people read.
TEXT_CALLS = frozenset(
    {
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "write",
        "text",
        "info",
        "warning",
        "error",
        "success",
        "toast",
        "button",
        "download_button",
        "link_button",
        "page_link",
        "form_submit_button",
        "metric",
        "text_input",
        "text_area",
        "number_input",
        "selectbox",
        "multiselect",
        "slider",
        "select_slider",
        "radio",
        "toggle",
        "checkbox",
        "segmented_control",
        "pills",
        "file_uploader",
        "date_input",
        "expander",
        "popover",
        "spinner",
        "progress",
        "status",
        "tabs",
    }
)
#: Keywords whose value is text people read, in any Streamlit call (`st.*`, a container's
#: widget, `st.column_config.*Column`, `st.Page`): `label=`, `help=`, `placeholder=`,
#: `caption=`, a page's `title=`, a link column's `display_text=`.
TEXT_KEYWORDS = frozenset(
    {"label", "help", "placeholder", "text", "body", "caption", "title", "display_text"}
)
#: Widgets whose second positional argument (or `options=`) is the list of choices shown; with a
#: `format_func`, the options are codes and the function (a `{code: "Label"}.get`, a lambda)
#: is what is shown, so that is checked instead.
OPTION_CALLS = frozenset(
    {"selectbox", "multiselect", "radio", "select_slider", "segmented_control", "pills"}
)
#: Streamlit calls whose first argument is not a label: `st.page_link`'s page and
#: `st.switch_page`'s script are paths.
PATH_CALLS = frozenset({"page_link", "switch_page"})
#: A comment on the line that says a literal there is deliberately not translated.
EXEMPT_MARK = "not translated:"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


def extract_messages(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, object],
) -> Iterator[tuple[int, str, tuple[str | None, ...], list[str]]]:
    """A Babel extraction method that reads `t()`/`tn()` calls from the syntax tree.

    Only the positional arguments are messages. Babel's own Python extractor reads the call's
    tokens and warns about every f-string inside it, including the values given to keyword
    placeholders (`t("{n} services", n=f"{n:,}")`), which are correct and never looked up. A
    message that is not a literal yields None here (Babel skips it), and
    `non_literal_messages` names it as a problem.
    """
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not _is_t_call(node) or not node.args:
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name not in keywords:
            continue
        messages = tuple(
            arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            for arg in node.args
        )
        yield node.args[0].lineno, name, messages, []


#: Babel takes an extractor function where its type hints name only a registered extractor's
#: name (str), hence the ignores where it is passed.
METHOD_MAP: list[tuple[str, Any]] = [("**.py", extract_messages)]


def _sources(root: Path) -> Iterator[Path]:
    for folder in SOURCE_DIRS:
        yield from sorted((root / folder).rglob("*.py"))
    for script in ENTRY_SCRIPTS:
        yield root / script


def extract(root: Path = ROOT) -> Catalog:
    """Every message passed to `t()`/`tn()` in the product's code, with where it is used."""
    catalog = Catalog(project="wales-digital-landscape", charset="utf-8")
    for folder in SOURCE_DIRS:
        for filename, line, message, _comments, _context in extract_from_dir(
            root / folder, METHOD_MAP, keywords=KEYWORDS
        ):
            catalog.add(message, locations=[(f"{folder}/{filename}", line)])
    for script in ENTRY_SCRIPTS:
        for filename, line, message, _comments, _context in extract_from_dir(
            root,
            [(script, extract_messages), ("**", "ignore")],  # type: ignore[list-item]  # see METHOD_MAP
            keywords=KEYWORDS,
        ):
            catalog.add(message, locations=[(filename, line)])
    return catalog


def write_template(path: Path, root: Path = ROOT) -> int:
    catalog = extract(root)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True)
    return len(catalog)


def add_welsh(
    area: str, pairs: Iterable[tuple[str | tuple[str, str], str | tuple[str, ...]]]
) -> Path:
    """Add (English, Welsh) pairs to the catalogue file of one area of the product, keeping
    what it holds; a plural is ((singular, plural), (five Welsh forms))."""
    path = CATALOGUES / f"{area}.po"
    if path.exists():
        with path.open("rb") as handle:
            po = read_po(handle, locale=WELSH)
    else:
        po = Catalog(
            locale=WELSH,
            project="wales-digital-landscape",
            copyright_holder="Wales digital landscape",
            language_team="Cymraeg",
            charset="utf-8",
        )
    for english, welsh in pairs:
        po.add(english, welsh)
    with path.open("wb") as handle:
        write_po(handle, po, width=100, sort_output=True)
    catalogue.cache_clear()
    return path


def conflicting_welsh() -> list[str]:
    """Messages translated differently in two catalogue files."""
    seen: dict[object, tuple[str, object]] = {}
    conflicts = []
    for path in sorted(CATALOGUES.glob("*.po")):
        with path.open("rb") as handle:
            po = read_po(handle, locale=WELSH)
        for message in po:
            if not message.id or not message.string:
                continue
            key = tuple(message.id) if isinstance(message.id, tuple | list) else message.id
            string = (
                tuple(message.string)
                if isinstance(message.string, tuple | list)
                else message.string
            )
            if key in seen and seen[key][1] != string:
                conflicts.append(f"{key!r}: {seen[key][0]} and {path.name} differ")
            seen.setdefault(key, (path.name, string))
    return conflicts


def missing_welsh(root: Path = ROOT) -> list[Finding]:
    """Messages in the code with no Welsh in any catalogue file (or only a fuzzy one)."""
    welsh = catalogue(WELSH)
    missing = []
    for message in extract(root):
        if not message.id:
            continue
        key = tuple(message.id) if isinstance(message.id, tuple | list) else message.id
        if key not in welsh:
            path, line = message.locations[0] if message.locations else ("?", 0)
            missing.append(Finding(str(path), int(line), str(key)))
    return missing


def _is_t_call(node: ast.AST) -> TypeGuard[ast.Call]:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name | ast.Attribute)
        and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr) in KEYWORDS
    )


def _has_words(node: ast.AST) -> bool:
    """Words someone wrote, anywhere a literal can reach the screen from this expression.

    Looks into literals and f-strings, lists, tuples, sets and the values of dicts (options,
    tabs, column configs), the branches of `a if c else b` and `a or b`, concatenations, a
    lambda's result, `{...}.get` and `{...}[key]` lookups and `"...".format()`. It stops at any
    other call: `t("...")` is the translation, and other functions are checked where they are
    written.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return any(_has_words(item) for item in node.elts)
    if isinstance(node, ast.Dict):  # keys are codes or column names; the values are shown
        return any(_has_words(value) for value in node.values)
    if isinstance(node, ast.IfExp):
        return _has_words(node.body) or _has_words(node.orelse)
    if isinstance(node, ast.BoolOp):
        return any(_has_words(value) for value in node.values)
    if isinstance(node, ast.BinOp):
        return _has_words(node.left) or _has_words(node.right)
    if isinstance(node, ast.Lambda):
        return _has_words(node.body)
    if isinstance(node, ast.Attribute | ast.Subscript):  # {...}.get, {...}[code]
        return isinstance(node.value, ast.Dict) and _has_words(node.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):  # "...".format()
        return isinstance(node.func.value, ast.Constant) and _has_words(node.func.value)
    return False


def _exempt(lines: list[str], node: ast.expr) -> bool:
    first, last = node.lineno, getattr(node, "end_lineno", node.lineno) or node.lineno
    return any(EXEMPT_MARK in lines[n - 1] for n in range(first, last + 1) if n <= len(lines))


def _rooted_in_st(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and node.id == "st"


def _shown_arguments(call: ast.Call) -> list[ast.expr]:
    """The arguments of a Streamlit call that reach the screen as text (none if it is not
    one): a widget's or container's label, tabs, options, column labels, text keywords."""
    if not isinstance(call.func, ast.Attribute):
        return []
    name = call.func.attr
    column = name.endswith("Column") and _rooted_in_st(call.func)  # st.column_config.*Column
    if not (name in TEXT_CALLS or column or _rooted_in_st(call.func)):
        return []
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    shown = [value for key, value in keywords.items() if key in TEXT_KEYWORDS]
    if (name in TEXT_CALLS or column) and name not in PATH_CALLS:
        shown += call.args[:1]
    if name in OPTION_CALLS or column:
        if "format_func" in keywords:
            shown.append(keywords["format_func"])
        else:
            shown += call.args[1:2] + ([keywords["options"]] if "options" in keywords else [])
    return shown


def untranslated_text(paths: Iterable[Path], root: Path = ROOT) -> list[Finding]:
    """Literal words passed to Streamlit instead of through `t()`: labels and headings, the
    items of tabs and option lists, column labels, and text keywords such as `help=`."""
    findings = []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            for arg in _shown_arguments(node):
                if _has_words(arg) and not _exempt(lines, arg):
                    where = str(path.relative_to(root))
                    findings.append(Finding(where, arg.lineno, ast.unparse(arg)[:80]))
    return findings


def ui_files(root: Path = ROOT) -> list[Path]:
    files: list[Path] = []
    for entry in UI_CODE:
        target = root / entry
        files.extend(sorted(target.rglob("*.py")) if target.is_dir() else [target])
    for folder in sorted((root / "dashboard").rglob(UI_FOLDER)):
        if folder.is_dir():
            files.extend(sorted(folder.rglob("*.py")))
    return files


def non_literal_messages(root: Path = ROOT) -> list[Finding]:
    """`t()`/`tn()` calls whose message is not a plain literal: an f-string or a variable
    cannot be looked up in the catalogue (put the values in `{placeholders}` instead)."""
    findings = []
    for path in _sources(root):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not _is_t_call(node):
                continue
            count = (
                2
                if (getattr(node.func, "id", None) or getattr(node.func, "attr", "")) == "tn"
                else 1
            )
            for arg in node.args[:count]:
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    where = str(path.relative_to(root))
                    findings.append(Finding(where, node.lineno, ast.unparse(arg)[:80]))
    return findings
