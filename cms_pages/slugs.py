"""Page slugs that would shadow one of the platform's own URLs.

Instead of a hand-kept list of words, a page is refused when its URL resolves to a view of
the project (``/contributions/``, ``/initiatives/nouvelle/``…) or lies on the path of a
mounted URLconf (``/comptes/``, ``/admin/``, ``/api/``…): the installed plugins decide.
"""

from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

#: The name of Wagtail's catch-all route, which serves the page tree.
WAGTAIL_SERVE = "wagtail_serve"


def _mount_points():
    """Paths under which a whole URLconf is mounted (``admin/``, ``comptes/``…)."""
    return [
        str(pattern.pattern)
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver) and str(pattern.pattern)
    ]


def shadows_project_url(path):
    """True if a page served at ``path`` (``/a/b/``) would hide or be hidden by a project URL."""
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if match is not None and match.url_name != WAGTAIL_SERVE:
        return True
    relative = path.lstrip("/")
    return any(mount.startswith(relative) for mount in _mount_points())


def child_path(parent, slug):
    """The URL path a child of ``parent`` with ``slug`` would have, or None if not routable."""
    parts = parent.get_url_parts()
    if parts is None:
        return None
    return f"{parts[2].rstrip('/')}/{slug}/"


def is_reserved(parent, slug):
    """True if a child of ``parent`` may not take ``slug``."""
    path = child_path(parent, slug)
    return path is not None and shadows_project_url(path)
