"""The layering, kept by a test rather than by reading (as datasette's tests hold its docs to its code).

- Streamlit is imported only by `modules/ui`, the pages and `app.py`.
- SQL is written only in `modules/store`: no SQL text and no `execute`/`query` call anywhere else.
- No module imports from a layer above its own (content never imports learning, the store imports nothing
  but the settings and the roles table).
- Pages, `modules/ui` and `app.py` never call a store write: they write through the services.
- No role name is compared outside the roles table (`modules/accounts/roles.py`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE = sorted([*ROOT.glob("modules/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "app.py"])

# From the bottom up; a unit may import from its own layer and the ones below, never from above.
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "modules.settings",
        "modules.i18n",
        "modules.richtext",
        "modules.spreadsheet",
        "modules.accounts.roles",
        "modules.mail",
    ),
    ("modules.store",),
    ("modules.content", "modules.quiz"),
    ("modules.learning",),
    ("modules.accounts", "modules.practices", "modules.authoring"),
    ("modules.measurement", "modules.certificates", "modules.reminders", "modules.search", "modules.notifications"),
    ("modules.demo", "modules.serving"),
    ("modules.ui",),
    ("pages", "app"),
)
STREAMLIT_ALLOWED = ("modules.ui", "pages", "app")
SQL = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|TRIGGER|VIEW))",
    re.IGNORECASE | re.DOTALL,
)
DATABASE_CALLS = ("execute", "executemany", "executescript", "query")
ROLE_NAMES = re.compile(r"^(employee|manager|trainer|admin)$")


def name_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported(module: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:  # `from a.b import c`: c may be a module of a.b
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def layer_of(name: str) -> int | None:
    """The layer of the most specific unit `name` belongs to (modules.accounts.roles before modules.accounts)."""
    if name == "modules":
        return 0  # the package itself: nothing but a docstring
    best: tuple[int, int] | None = None
    for level, units in enumerate(LAYERS):
        for unit in units:
            if (name == unit or name.startswith(unit + ".")) and (best is None or len(unit) > best[1]):
                best = (level, len(unit))
    return None if best is None else best[0]


def test_every_file_has_a_layer() -> None:
    assert [name_of(p) for p in CODE if layer_of(name_of(p)) is None] == []


def test_no_import_from_a_higher_layer() -> None:
    wrong = []
    for path in CODE:
        own = layer_of(name_of(path))
        for name in imported(tree(path)):
            other = layer_of(name)
            if name.startswith(("modules", "pages")) and other is not None and own is not None and other > own:
                wrong.append(f"{name_of(path)} (layer {own}) imports {name} (layer {other})")
    assert wrong == []


def test_streamlit_only_in_ui_pages_and_app() -> None:
    wrong = [
        name_of(p)
        for p in CODE
        if any(n == "streamlit" or n.startswith("streamlit.") for n in imported(tree(p)))
        and not name_of(p).startswith(STREAMLIT_ALLOWED)
    ]
    assert wrong == []


def test_sql_only_in_the_store() -> None:
    wrong = []
    for path in CODE:
        if name_of(path).startswith("modules.store"):
            continue
        for node in ast.walk(tree(path)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                wrong.append(f"{name_of(path)}:{node.lineno} SQL text")
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in DATABASE_CALLS:
                wrong.append(f"{name_of(path)}:{node.lineno} .{node.func.attr}()")
    assert wrong == []


def store_writes() -> set[str]:
    """The store's functions that write: those that open a write transaction or retry one."""
    writes = set()
    for path in ROOT.glob("modules/store/*.py"):
        for node in tree(path).body:
            if isinstance(node, ast.FunctionDef):
                calls = {
                    sub.func.id if isinstance(sub.func, ast.Name) else getattr(sub.func, "attr", "")
                    for sub in ast.walk(node)
                    if isinstance(sub, ast.Call)
                }
                if calls & {"write", "retrying", "atomic"}:
                    writes.add(node.name)
    return writes


def test_the_store_writes_are_found() -> None:
    """The check below is only as good as this list: it knows the writes a page used to call."""
    assert {"withdraw", "set_email_digest", "set_language", "end_sessions", "save_attempt", "add_story"} <= (
        store_writes()
    )


def test_pages_and_ui_write_only_through_services() -> None:
    writes = store_writes()
    wrong = []
    for path in CODE:
        if not name_of(path).startswith(("modules.ui", "pages", "app")):
            continue
        module = tree(path)
        for node in ast.walk(module):
            if isinstance(node, ast.Attribute) and ast.unparse(node.value) == "store" and node.attr in writes:
                wrong.append(f"{name_of(path)}:{node.lineno} store.{node.attr}")
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("modules.store"):
                wrong += [f"{name_of(path)}:{node.lineno} imports {a.name}" for a in node.names if a.name in writes]
    assert wrong == []


@pytest.mark.parametrize("path", [p for p in CODE if name_of(p) not in ("modules.accounts.roles",)], ids=name_of)
def test_no_role_name_is_compared_outside_the_roles_table(path: Path) -> None:
    """`role == "manager"`, `role in ("employee", …)`, `is_for("employee")`: a second copy of the rights."""
    wrong = []
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Compare):
            for side in [node.left, *node.comparators]:
                for value in ast.walk(side):
                    if _is_role_name(value) and _mentions_role(node):
                        wrong.append(f"{node.lineno}: {ast.unparse(node)}")
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("is_for", "may", "may_open"):
            wrong += [f"{node.lineno}: {ast.unparse(node)}" for arg in node.args if _is_role_name(arg)]
    assert wrong == []


def _is_role_name(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(ROLE_NAMES.match(node.value))


def _mentions_role(node: ast.Compare) -> bool:
    """A comparison about a role (`role`, `user["role"]`, `.role`), not a rating's kind or a survey's side."""
    text = ast.unparse(node)
    return "role" in text
