"""« par Karim B. », never « par Karim B.. »: a name ending with an initial ends the sentence."""

import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

from theme.templatetags.theme_tags import before_full_stop

ROOT = Path(__file__).resolve().parents[2]
APPS = ["cms_pages", "consultation", "initiatives", "forums", "search", "theme", "accounts"]
# A person passed to a sentence: « with author=… %}… {{ author }}.{% endblocktranslate %} ».
PERSON_BEFORE_STOP = re.compile(
    r"with [^%]*\b(author|authors|name|names)=[^ %]+[^%]*%\}"
    r"(?:(?!endblocktranslate).)*?\{\{ \1 \}\}\."
)


def test_the_filter_drops_only_the_final_stop():
    assert before_full_stop("Karim B.") == "Karim B"
    assert before_full_stop("Claire") == "Claire"
    assert before_full_stop(None) == ""


def test_a_name_ending_with_an_initial_gets_a_single_full_stop():
    template = Template(
        "{% load i18n theme_tags %}{% blocktranslate with author=author|before_full_stop %}"
        "Saved by {{ author }}.{% endblocktranslate %}"
    )
    with translation.override("fr"):
        text = template.render(Context({"author": "Karim B."}))
    assert text.endswith("Karim B.")
    assert ".." not in text


def test_every_template_ending_a_sentence_with_a_name_uses_the_filter():
    offenders = []
    for app in APPS:
        for path in (ROOT / app / "templates").rglob("*.html"):
            for match in PERSON_BEFORE_STOP.finditer(path.read_text()):
                if "before_full_stop" not in match.group(0).split("%}")[0]:
                    offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)[:80]}")
    assert offenders == []
