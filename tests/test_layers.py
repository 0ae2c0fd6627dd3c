"""Imports point one way: each app uses only its own modules and the layers below it.

    core  <  members  <  events  <  documents  <  news  <  search, legacy, backups  <  assa

``core`` imports no app; ``search``, ``legacy`` and ``backups`` each build on the domain
apps but not on each other; ``assa`` (settings, root URLs, home page, sitemap index) composes them all.
Every import counts, also one deferred inside a function, and so do the other ways to
reach a model: ``apps.get_model("news.Article")`` and a relation to ``"documents.Document"``.
Migrations are left out: they record history, including links that have since moved.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LAYERS = {
    "core": 0,
    "members": 1,
    "events": 2,
    "documents": 3,
    "news": 4,
    "pages": 5,
    "search": 6,
    "legacy": 6,
    "backups": 6,
    "assa": 7,
}
RELATIONS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


def app_modules() -> list[Path]:
    return sorted(
        path
        for app in LAYERS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def app_of(dotted: str) -> str | None:
    name = dotted.split(".")[0]
    return name if name in LAYERS else None


def references(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, dotted name or app label) of everything this module reaches in our apps."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            if name == "get_model" or (name in RELATIONS and "." in first.value):
                found.append((node.lineno, first.value))
    return found


def violations(path: Path) -> list[str]:
    module_app = path.relative_to(ROOT).parts[0]
    level = LAYERS[module_app]
    tree = ast.parse(path.read_text(), filename=str(path))
    wrong = []
    for line, target in references(tree):
        target_app = app_of(target)
        if target_app is None or target_app == module_app:
            continue
        if LAYERS[target_app] >= level:
            wrong.append(f"{path.relative_to(ROOT)}:{line} ({module_app}) reaches {target}")
    return wrong


def test_every_app_is_checked():
    assert {path.relative_to(ROOT).parts[0] for path in app_modules()} == set(LAYERS)


def test_imports_point_down_the_layers():
    wrong = [message for path in app_modules() for message in violations(path)]
    assert wrong == [], "Imports against the layer order:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("app", "source", "reported"),
    [
        ("events", "from news.models import Article", True),
        ("events", "def f():\n    from documents.models import Document", True),
        ("events", "apps.get_model('news', 'Article')", True),
        ("events", "models.ForeignKey('documents.Document', on_delete=None)", True),
        ("search", "from legacy.importer import import_pages", True),
        ("core", "import members.models", True),
        ("news", "from documents.models import Document", False),
        ("events", "models.ForeignKey('members.MemberInstitution', on_delete=None)", False),
        ("assa", "from search.views import SearchView", False),
    ],
)
def test_the_check_sees_every_kind_of_reference(tmp_path, monkeypatch, app, source, reported):
    module = ROOT / app / "_layers_probe.py"
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: source)
    assert bool(violations(module)) is reported
