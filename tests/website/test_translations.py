"""The French catalogue is complete: a string added without its translation breaks the build.

The .po file is parsed here rather than with a library, so that the check needs no dependency:
entries are separated by blank lines; a value may continue on following lines of quoted strings;
plural entries carry msgid_plural and msgstr[0], msgstr[1]; "#~" lines are obsolete entries.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"

KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')
CONTINUATION = re.compile(r'^(".*")\s*$')


def _unquote(literal):
    # A .po string uses C escapes (\n, \t, \", \\); Python's string literal syntax covers them.
    return ast.literal_eval(literal)


def parse_po(text):
    """Return the entries of a .po file: dicts with "line", "flags" and the keyword values."""
    entries = []
    entry = None
    keyword = None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            entry, keyword = None, None
            continue
        if line.startswith("#~"):  # obsolete entry: gettext ignores it
            continue
        if entry is None:
            entry = {"line": number, "flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = KEYWORD.match(line)
        if match:
            keyword = match.group(1)
            if keyword == "msgctxt" and "msgid" in entry:  # a new entry without a blank line
                finish()
                entry = {"line": number, "flags": set()}
            entry[keyword] = _unquote(match.group(2))
            continue
        match = CONTINUATION.match(line)
        if match and keyword:
            entry[keyword] += _unquote(match.group(1))
            continue
        raise ValueError(f"{CATALOGUE.name}:{number}: cannot parse {raw!r}")
    finish()
    return entries


def translations(entry):
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def describe(entry):
    return f"line {entry['line']}: {entry['msgid']!r}"


@pytest.fixture(scope="module")
def entries():
    return [e for e in parse_po(CATALOGUE.read_text(encoding="utf-8")) if e["msgid"] != ""]


def test_the_catalogue_has_entries(entries):
    assert len(entries) > 100


def test_no_entry_is_untranslated(entries):
    untranslated = [describe(e) for e in entries if not translations(e) or not all(translations(e))]
    assert not untranslated, "Untranslated entries:\n" + "\n".join(untranslated)


def test_plural_entries_have_both_french_forms(entries):
    incomplete = [
        describe(e)
        for e in entries
        if "msgid_plural" in e and not {"msgstr[0]", "msgstr[1]"} <= e.keys()
    ]
    assert not incomplete, "Plural entries missing a form:\n" + "\n".join(incomplete)


def test_no_entry_is_fuzzy(entries):
    fuzzy = [describe(e) for e in entries if "fuzzy" in e["flags"]]
    assert not fuzzy, "Fuzzy entries (gettext does not use them):\n" + "\n".join(fuzzy)


def test_the_parser_sees_multiline_plural_and_fuzzy_entries():
    sample = "\n".join(
        [
            'msgid ""',
            'msgstr ""',
            '"Language: fr\\n"',
            "",
            "#, fuzzy, python-format",
            'msgid ""',
            '"A long "',
            '"message"',
            'msgstr "Un long message"',
            "",
            'msgid "One"',
            'msgid_plural "Many"',
            'msgstr[0] "Un"',
            'msgstr[1] ""',
            "",
            '#~ msgid "Old"',
            '#~ msgstr ""',
        ]
    )
    header, long, plural = parse_po(sample)
    assert header["msgid"] == "" and header["msgstr"] == "Language: fr\n"
    assert long["msgid"] == "A long message" and "fuzzy" in long["flags"]
    assert plural["msgid_plural"] == "Many"
    assert translations(plural) == ["Un", ""]
