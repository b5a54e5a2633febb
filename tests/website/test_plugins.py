"""PLUGINS chooses the plugins; a plugin needing one that is off is switched off, and said."""

import pytest
from django.apps import apps

from cms_pages.checks import required_plugins
from website import plugins


def test_unset_runs_every_plugin():
    assert plugins.resolve(None) == (list(plugins.ALL_PLUGINS), {})


def test_set_but_empty_runs_the_core_alone():
    assert plugins.resolve("") == ([], {})


def test_a_list_keeps_the_plugins_named_in_their_own_order():
    assert plugins.resolve(" search , consultation") == (["consultation", "search"], {})


def test_a_plugin_whose_required_plugin_is_off_is_switched_off_too():
    """Initiatives' lineage is consultation's: without consultation, no initiatives."""
    assert plugins.resolve("initiatives,forums") == (["forums"], {"initiatives": "consultation"})


def test_an_unknown_plugin_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match=r"bourse.*known: consultation"):
        plugins.resolve("consultation,bourse")


def test_forums_brings_the_comment_apps():
    assert plugins.installed_apps(["forums", "search"]) == [
        "forums",
        "django_comments_xtd",
        "django_comments",
        "search",
    ]


def test_check_says_why_a_plugin_was_switched_off(settings):
    settings.PLUGINS_SWITCHED_OFF = {"initiatives": "consultation"}
    [message] = required_plugins(None)
    assert message.id == "plugins.W001"
    assert "initiatives" in message.msg and "consultation" in message.msg


def test_check_fails_when_an_installed_plugin_misses_the_one_it_needs(monkeypatch, settings):
    settings.PLUGINS_SWITCHED_OFF = {}
    config = apps.get_app_config("forums")
    monkeypatch.setattr(config, "required_plugins", ("accompagnement",))
    [message] = required_plugins(None)
    assert message.id == "plugins.E001"
    assert "forums" in message.msg and "accompagnement" in message.msg


def test_check_is_silent_when_every_plugin_has_what_it_needs(settings):
    settings.PLUGINS_SWITCHED_OFF = {}
    assert required_plugins(None) == []
