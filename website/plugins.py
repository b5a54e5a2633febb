"""Which plugins run: the ``PLUGINS`` environment variable, resolved before the apps load.

``PLUGINS`` unset: every plugin; set but empty: the core alone; otherwise a comma-separated list
of plugin names. A plugin declares in its ``AppConfig`` the plugins it needs
(``required_plugins``) and the third-party apps it brings (``plugin_apps``); reading those
class attributes imports only the plugins' ``apps.py`` modules, which import nothing else.
"""

from importlib import import_module

#: Every plugin, in the order their URLs are mounted and their apps installed.
ALL_PLUGINS = ("consultation", "initiatives", "forums", "search")


def plugin_config(name):
    """The ``AppConfig`` class of plugin ``name`` (its ``apps.py`` defines exactly one)."""
    module = import_module(f"{name}.apps")
    return next(
        value
        for value in vars(module).values()
        if isinstance(value, type) and getattr(value, "name", None) == name
    )


def resolve(value):
    """``(plugins, switched_off)`` for the ``PLUGINS`` value ``value`` (``None`` when unset).

    ``switched_off`` maps each plugin left out because a plugin it needs is off to the
    missing plugin, so that ``manage.py check`` can say why. An unknown name is an error.
    """
    if value is None:
        wanted = list(ALL_PLUGINS)
    else:
        wanted = [name.strip() for name in value.split(",") if name.strip()]
    unknown = sorted(set(wanted) - set(ALL_PLUGINS))
    if unknown:
        raise ValueError(
            f"PLUGINS names unknown plugins: {', '.join(unknown)} (known: {', '.join(ALL_PLUGINS)})"
        )
    chosen = [name for name in ALL_PLUGINS if name in wanted]
    switched_off = {}
    changed = True
    while changed:
        changed = False
        for name in list(chosen):
            missing = [need for need in plugin_config(name).required_plugins if need not in chosen]
            if missing:
                chosen.remove(name)
                switched_off[name] = missing[0]
                changed = True
    return chosen, switched_off


def installed_apps(plugins):
    """The Django apps of ``plugins``: each plugin's own app, then the apps it brings."""
    apps = []
    for name in plugins:
        apps.append(name)
        apps.extend(plugin_config(name).plugin_apps)
    return apps
