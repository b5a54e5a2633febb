"""``manage.py check`` on the plugins: what each needs is installed, and why some are off."""

from django.apps import apps
from django.conf import settings
from django.core import checks

from .plugins import PluginConfig


@checks.register()
def required_plugins(app_configs, **kwargs):
    """An installed plugin whose required plugin is missing is an error; a plugin that
    ``PLUGINS`` switched off because of one is a warning that says which."""
    messages = []
    for config in apps.get_app_configs():
        if not isinstance(config, PluginConfig):
            continue
        for needed in config.required_plugins:
            if not apps.is_installed(needed):
                messages.append(
                    checks.Error(
                        f"The {config.name} plugin needs the {needed} plugin, "
                        "which is not installed.",
                        hint=f"Add {needed} to PLUGINS, or leave {config.name} out.",
                        obj=config.name,
                        id="plugins.E001",
                    )
                )
    for plugin, missing in getattr(settings, "PLUGINS_SWITCHED_OFF", {}).items():
        messages.append(
            checks.Warning(
                f"The {plugin} plugin is switched off: it needs the {missing} plugin, "
                "which PLUGINS leaves out.",
                hint=f"Add {missing} to PLUGINS to run {plugin}.",
                obj=plugin,
                id="plugins.W001",
            )
        )
    return messages
