"""What makes an app a plugin of the platform: its ``AppConfig`` says what it brings and needs.

This module imports nothing but Django's ``AppConfig``: the settings read these class
attributes (``website/plugins.py``) before any app is loaded. A plugin's ``apps.py`` imports
this module, not the class: Django picks the one ``AppConfig`` subclass an ``apps.py`` holds.
"""

from django.apps import AppConfig


class PluginConfig(AppConfig):
    """The ``AppConfig`` of a plugin.

    - ``required_plugins``: the plugins it cannot run without; switching one of them off
      switches this one off too, and ``manage.py check`` says so;
    - ``plugin_apps``: the third-party apps it brings into ``INSTALLED_APPS``;
    - ``urls`` / ``url_prefix``: its URLconf, mounted by ``website/urls.py`` before Wagtail's
      page routing.
    """

    required_plugins = ()
    plugin_apps = ()
    urls = None
    url_prefix = ""
