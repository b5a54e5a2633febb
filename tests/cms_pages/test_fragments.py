"""Parts of pages kept for every visitor (cms_pages.fragments, {% fragment %}): reused while
their version keys stand, computed anew once one is bumped, per language and release, and
never kept when they hold somebody's CSRF token."""

import pytest
from django.template import Context, Template, TemplateSyntaxError, engines
from django.test import RequestFactory
from django.utils import translation

from cms_pages import fragments
from cms_pages.page_cache import versions

# A bump waits for the transaction's commit too.
pytestmark = pytest.mark.django_db


class Counter:
    """A computation that says how often it ran."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"value {self.calls}"


def test_a_value_is_computed_once_while_its_keys_stand():
    compute = Counter()
    first = fragments.cached("counts", ["contributions"], compute)
    assert fragments.cached("counts", ["contributions"], compute) == first
    assert compute.calls == 1


def test_a_bump_of_any_key_computes_it_anew():
    compute = Counter()
    fragments.cached("counts", ["site", "page:3"], compute)
    versions.bump("page:3")
    assert fragments.cached("counts", ["site", "page:3"], compute) == "value 2"
    versions.bump("site")
    assert fragments.cached("counts", ["site", "page:3"], compute) == "value 3"
    assert compute.calls == 3


def test_a_bump_of_another_key_keeps_it():
    compute = Counter()
    fragments.cached("counts", ["page:3"], compute)
    versions.bump("page:4", "contributions")
    fragments.cached("counts", ["page:3"], compute)
    assert compute.calls == 1


def test_language_release_and_vary_make_other_copies(settings):
    compute = Counter()
    with translation.override("fr"):
        fragments.cached("counts", ["site"], compute)
    with translation.override("en"):
        fragments.cached("counts", ["site"], compute)
    assert compute.calls == 2
    with translation.override("en"):
        fragments.cached("counts", ["site"], compute, vary=["kind=reve"])
        assert compute.calls == 3
        settings.RELEASE = "next-release"
        fragments.cached("counts", ["site"], compute)
    assert compute.calls == 4


def test_a_value_refused_by_keep_is_not_stored():
    compute = Counter()
    fragments.cached("counts", ["site"], compute, keep=lambda value: False)
    fragments.cached("counts", ["site"], compute, keep=lambda value: False)
    assert compute.calls == 2


def test_an_empty_value_is_stored_too():
    calls = []

    def nothing():
        calls.append(1)

    fragments.cached("nothing", ["site"], nothing)
    assert fragments.cached("nothing", ["site"], nothing) is None
    assert len(calls) == 1


def test_the_request_learns_the_keys_for_the_page_cache():
    request = RequestFactory().get("/")
    request.page_cache = versions.Dependencies()
    fragments.cached("counts", ["site", "contributions"], Counter(), request=request)
    assert set(request.page_cache.tokens) == {"site", "contributions"}


def render(source, **context):
    template = engines["django"].from_string("{% load fragment_cache %}" + source)
    return template.render(context)


def test_the_tag_keeps_its_html_until_a_key_is_bumped():
    source = '{% fragment "names" "site" 7|page_key %}{{ name }}{% endfragment %}'
    assert render(source, name="Belfort") == "Belfort"
    assert render(source, name="Delle") == "Belfort"
    versions.bump("page:7")
    assert render(source, name="Delle") == "Delle"
    versions.bump("site")
    assert render(source, name="Montbéliard") == "Montbéliard"


def test_the_tag_varies_on_what_follows_vary():
    source = '{% fragment "menu" "site" vary path %}{{ path }} {{ name }}{% endfragment %}'
    assert render(source, path="/a/", name="x") == "/a/ x"
    assert render(source, path="/b/", name="y") == "/b/ y"
    assert render(source, path="/a/", name="z") == "/a/ x"


def test_the_tag_never_keeps_a_csrf_token():
    request = RequestFactory().get("/")
    source = '{% fragment "form" "site" %}<form>{% csrf_token %}{{ name }}</form>{% endfragment %}'
    template = engines["django"].from_string("{% load fragment_cache %}" + source)
    assert "Belfort" in template.render({"name": "Belfort"}, request)
    assert "Delle" in template.render({"name": "Delle"}, request)


def test_the_tag_needs_a_name_and_keys():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragment_cache %}{% fragment %}{% endfragment %}")
    with pytest.raises(TemplateSyntaxError):
        Template('{% load fragment_cache %}{% fragment "x" %}{% endfragment %}')
    # A plain Context (no request) renders too.
    template = Template('{% load fragment_cache %}{% fragment "x" "site" %}ok{% endfragment %}')
    assert template.render(Context()) == "ok"
