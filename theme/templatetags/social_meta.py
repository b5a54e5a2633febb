"""The head's description and Open Graph tags (``{% social_meta %}`` in ``base.html``).

What a page says of itself, in order: the tag's arguments (a template that is not a Wagtail
page passes its own, in ``{% block social_meta %}``), the context's ``meta`` dict (``title``,
``description``, ``image``, ``type``), then the page: its ``search_description``, else its
``summary``, ``short_description`` or ``intro``. ``og:image`` only when given (an initiative's
page passes its image's guarded URL). The fields are plain text: kept as such, on one line,
shortened and escaped.
"""

from django import template
from django.utils.html import format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _

register = template.Library()

SITE_NAME = "Aux actes citoyens"
#: A description longer than this is cut at a word boundary with an ellipsis.
DESCRIPTION_LENGTH = 200
PAGE_TEXT_FIELDS = ("search_description", "summary", "short_description", "intro")


def plain(text, length=DESCRIPTION_LENGTH):
    """``text`` as one line of plain text of at most ``length`` characters."""
    text = " ".join(str(text or "").split())
    return Truncator(text).chars(length)


def _page_text(page):
    for name in PAGE_TEXT_FIELDS:
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            return value
    return ""


@register.simple_tag(takes_context=True)
def social_meta(context, title="", description="", image="", kind=""):
    """The ``description`` meta and the ``og:*`` tags of the current page."""
    request = context.get("request")
    page = context.get("page")
    given = context.get("meta") or {}
    if page is not None and not hasattr(page, "title"):
        page = None
    title = (
        title
        or given.get("title")
        or (page is not None and (getattr(page, "seo_title", "") or page.title))
        or SITE_NAME
    )
    description = plain(
        description
        or given.get("description")
        or (_page_text(page) if page is not None else "")
        or _("Révoltes, rêves and initiatives of the inhabitants of five territories.")
    )
    image = image or given.get("image") or ""
    if image and request is not None:
        image = request.build_absolute_uri(image)
    url = request.build_absolute_uri(request.path) if request is not None else ""
    og_type = (
        kind
        or given.get("type")
        or ("article" if page is not None and page.depth > 2 else "website")
    )
    tags = [
        ("description", description),
        ("og:title", plain(title, 150)),
        ("og:description", description),
        ("og:type", og_type),
        ("og:site_name", SITE_NAME),
        ("og:locale", "fr_FR"),
    ]
    if url:
        tags.append(("og:url", url))
    if image:
        tags.append(("og:image", image))
    return format_html_join(
        "\n  ",
        '<meta {}="{}" content="{}">',
        (("name" if key == "description" else "property", key, value) for key, value in tags),
    )
