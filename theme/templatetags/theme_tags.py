"""Template helpers of the site's layout."""

import re

from django import template
from django.apps import apps
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail.models import Site

register = template.Library()


@register.filter
def is_within(page, section):
    """True if ``page`` is ``section`` or one of its descendants (current menu entry)."""
    if page is None or section is None or not hasattr(page, "path"):
        return False
    return page.path.startswith(section.path)


@register.simple_tag(takes_context=True)
def site_page(context, model_label):
    """The first live page of type ``model_label`` (``"app.Model"``) in the current site.

    Index pages are singletons (``max_count = 1``), so templates link to them by type rather
    than by a slug an editor could change. One query: a view restriction, if any, is left to
    the page itself when the link is followed.
    """
    model = apps.get_model(model_label)
    pages = model.objects.live()
    site = Site.find_for_request(context.get("request"))
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages.order_by("path").first()


# French typography: no line break before : ; ! ? » nor after «. A plain space there
# becomes a no-break space (before ":" and inside guillemets) or a narrow one (before ; ! ?).
_SPACE_BEFORE_COLON = re.compile(r"[ \t]+(?=[:»])")
_SPACE_BEFORE_MARK = re.compile(r"[ \t]+(?=[;!?])")
_SPACE_AFTER_GUILLEMET = re.compile(r"(?<=«)[ \t]+")


@register.filter
def fr_spacing(text):
    """French text with no-break spaces where French typography wants them.

    Plain text is escaped first; rich text (anything with ``__html__``) is kept as HTML. Only
    spaces change, so the result is safe.
    """
    if not text:
        return ""
    html = str(conditional_escape(text))
    html = _SPACE_BEFORE_COLON.sub("\u00a0", html)
    html = _SPACE_BEFORE_MARK.sub("\u202f", html)
    html = _SPACE_AFTER_GUILLEMET.sub("\u00a0", html)
    return mark_safe(html)  # noqa: S308 - escaped above, only spaces changed


@register.filter
def before_full_stop(value):
    """``value`` as text without its final full stop, for a sentence that ends right after it:
    « par Karim B. » and not « par Karim B.. » (the abbreviation's stop ends the sentence)."""
    return str(value if value is not None else "").rstrip().rstrip(".")
