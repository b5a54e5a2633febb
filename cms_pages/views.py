"""Project views about pages that Wagtail's router does not serve."""

import hashlib
import re

from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from theme.geojson import feature, geojson_response, point
from theme.params import clean_text_param

from .collation import french
from .models import EnjeuPage, TerritoryPage
from .page_cache.versions import SITE, depends_on

#: What robots leave alone: the admin, the accounts, the data APIs and exports.
ROBOTS_DISALLOWED = ["/admin/", "/comptes/", "/api/", "/*/api/", "/*.geojson", "/*.csv"]
#: A colour the enjeux stylesheet writes out (the model's validator, checked again).
ENJEU_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
#: How long browsers keep the enjeux stylesheet before asking again (ETag: 304 if unchanged).
ENJEU_COLOURS_MAX_AGE = 300
#: Search query pages, when the plugin that serves them is installed (no import: a URL name).
ROBOTS_DISALLOWED_URL_NAMES = ["search:results"]


@require_GET
def robots_txt(request):
    """``/robots.txt``: the public site may be crawled, not the admin, accounts, APIs or the
    search query pages; it points to the sitemap."""
    disallowed = list(ROBOTS_DISALLOWED)
    for name in ROBOTS_DISALLOWED_URL_NAMES:
        try:
            disallowed.append(reverse(name))
        except NoReverseMatch:
            continue
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in disallowed]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def territories_geojson(request):
    """Centre points and imported boundaries of the live territories (``?territoire=slug``)."""
    depends_on(request, SITE)  # territory pages are the core's: their changes bump ``site``
    territories = TerritoryPage.objects.live().public().order_by(french())
    slug = clean_text_param(request.GET.get("territoire", ""), "territoire", max_length=100)
    if slug:
        territories = territories.filter(slug=slug)
    features = []
    for territory in territories:
        properties = {
            "id": f"territoire-{territory.pk}",
            "name": territory.title,
            "url": territory.get_url(request=request),
            "kind": "territory",
        }
        if territory.boundary:
            features.append(feature(territory.boundary, **properties, role="boundary"))
        if territory.latitude is not None:
            features.append(
                feature(point(territory.latitude, territory.longitude), **properties, role="centre")
            )
        elif not territory.boundary:
            # Said under the map (map.js lists features without geometry), never left out.
            properties["note"] = _("Not on the map yet: its position is not known.")
            features.append(feature(None, **properties))
    return geojson_response(features)


@require_GET
def enjeu_colours_css(request):
    """``/couleurs-des-enjeux.css``: a class per live enjeu, ``.enjeu-colour-<id>``, that sets
    ``--enjeu-colour``. Pages colour their enjeux with it rather than a ``style`` attribute,
    which the Content-Security-Policy refuses (website/security.py)."""
    depends_on(request, SITE)
    rows = EnjeuPage.objects.live().order_by("pk").values_list("pk", "colour")
    css = "".join(
        f".enjeu-colour-{pk} {{ --enjeu-colour: {colour}; }}\n"
        for pk, colour in rows
        if ENJEU_COLOUR.fullmatch(colour)
    )
    etag = f'"{hashlib.sha256(css.encode()).hexdigest()[:32]}"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        css, content_type="text/css; charset=utf-8"
    )
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=ENJEU_COLOURS_MAX_AGE)
    return response
