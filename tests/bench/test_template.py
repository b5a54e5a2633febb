"""The template's fingerprint (bench/template.py): rebuilt when what the data are changes (the
demo and seeding code, the counts), not for a migration or a change to the search code, which
``migrate`` on each copy brings up to date."""

import pytest

from bench import template

COUNTS = {"contributions": 100, "initiatives": 10, "comments": 5, "all_comments": 50}


@pytest.fixture
def tree(tmp_path):
    """A project with a demo, a seeder, a migration and search code."""
    files = {
        "cms_pages/demo/content.py": "PAGES = []",
        "consultation/demo.py": "DEMO = 1",
        "consultation/management/commands/seed_contributions.py": "SEED = 1",
        "cms_pages/management/commands/load_demo_content.py": "LOAD = 1",
        "bench/seed_forums.py": "FORUMS = 1",
        "consultation/migrations/0001_initial.py": "operations = []",
        "search/models.py": "class SearchDocument: ...",
        "consultation/search_documents.py": "register()",
        "bench/seed_large.py": "COPY = 1",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def label(tree, counts=COUNTS):
    return template.fingerprint(counts, template.SOURCES, base_dir=tree)


@pytest.mark.parametrize(
    "changed",
    [
        "consultation/migrations/0001_initial.py",
        "search/models.py",
        "consultation/search_documents.py",
        "bench/seed_large.py",
    ],
)
def test_migrations_and_search_code_do_not_rebuild_the_template(tree, changed):
    before = label(tree)
    (tree / changed).write_text("changed")
    assert label(tree) == before


@pytest.mark.parametrize(
    "changed",
    [
        "cms_pages/demo/content.py",
        "consultation/demo.py",
        "consultation/management/commands/seed_contributions.py",
        "cms_pages/management/commands/load_demo_content.py",
        "bench/seed_forums.py",
    ],
)
def test_demo_and_seeding_code_rebuild_the_template(tree, changed):
    before = label(tree)
    (tree / changed).write_text("changed")
    assert label(tree) != before


def test_new_demo_code_and_other_counts_rebuild_the_template(tree):
    before = label(tree)
    assert label(tree, {**COUNTS, "contributions": 200}) != before
    (tree / "initiatives").mkdir()
    (tree / "initiatives/demo_texts.py").write_text("TEXTS = []")
    assert label(tree) != before


def test_the_virtualenv_is_never_read(tree):
    before = label(tree)
    (tree / ".venv").mkdir()
    (tree / ".venv/demo.py").write_text("a package's demo")
    assert label(tree) == before


def test_the_large_template_follows_the_default_one_and_its_seeder(tree):
    default = label(tree)

    def large(base=default):
        return template.fingerprint(
            {"extra": 900}, template.LARGE_SOURCES, base_dir=tree, base=base
        )

    before = large()
    assert large(base=label(tree, {**COUNTS, "comments": 6})) != before
    (tree / "bench/seed_large.py").write_text("changed")
    assert large() != before


def test_the_project_sources_are_the_demo_and_the_seeders():
    names = {str(p.relative_to(template.BASE_DIR)) for p in template.source_files(template.SOURCES)}
    assert "consultation/management/commands/seed_contributions.py" in names
    assert "bench/seed_search.py" in names and "cms_pages/demo/builder.py" in names
    assert not any("migrations" in name or name.startswith("search/") for name in names)
