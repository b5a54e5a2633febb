"""The planisphère des solutions: its page's list (served by Wagtail through
``InitiativeIndexPage.get_context``), its GeoJSON, and the point of one initiative.

The list beside the map is the map's accessible alternative: rendered by the server from the
same filters as the GeoJSON (initiatives.filters), swapped in by the map component (same
element id) when a filter changes, so it works without JavaScript.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cms_pages import fragments
from cms_pages.geo import GeoParameterError, parse_bbox, parse_zoom
from cms_pages.page_cache.versions import SITE, depends_on
from theme.geojson import bad_request, geojson_response

from .. import geo
from ..filters import filter_errors, published_filter
from ..models import InitiativePage
from ..page_cache import INITIATIVES
from ..public import HEAVY_FIELDS, attach_places
from .common import get_initiative

PAGE_SIZE = 24
LIST_ID = "initiatives-liste"
FILTER_FORM_ID = "filtres-initiatives"
# Browsers and shared caches may keep the GeoJSON this long (seconds): a newly published or
# withdrawn initiative shows on the map within a minute.
GEOJSON_MAX_AGE = 60


def query_without(request, *names):
    """The current query string minus ``names`` (page links keep the filters)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def counts(initiatives):
    """The total and the count per maturity of the filtered initiatives, in one query."""
    return initiatives.order_by().aggregate(
        total=Count("pk"),
        **{
            value: Count("pk", filter=Q(maturity=value)) for value in InitiativePage.Maturity.values
        },
    )


def counts_by_territory(initiatives, territories):
    """``{territory id: count}`` of the filtered initiatives for each of the live
    ``territories`` (one query on the relation's table)."""
    through = InitiativePage.territories.through
    return dict(
        through.objects.filter(
            initiativepage__in=initiatives.order_by().values("pk"),
            territorypage__in=[territory.pk for territory in territories],
        )
        .values_list("territorypage")
        .annotate(count=Count("initiativepage"))
        .order_by()
    )


def filtered_counts(request, initiatives, territories, query):
    """``(totals, counts_by_territory)`` of the filtered initiatives: both read all of them,
    so they are kept until an initiative or a page changes (``initiatives``, ``site``: the
    filters name territories and enjeux), for each set of filters (``query``)."""
    return fragments.cached(
        "initiative-counts",
        [SITE, INITIATIVES],
        lambda: (counts(initiatives), counts_by_territory(initiatives, territories)),
        vary=[query],
        request=request,
    )


def planisphere_context(request):
    """Context of the planisphère page: the filter form, the page of results, the counts."""
    filterset = published_filter(request)
    valid = filterset.is_valid()
    initiatives = filterset.qs if valid else InitiativePage.objects.none()
    query = query_without(request, "page")
    totals, by_territory = (
        filtered_counts(request, initiatives, filterset.territories, query)
        if valid
        else ({"total": 0}, {})
    )
    paginator = Paginator(
        initiatives.order_by("-first_published_at", "-pk").defer(*HEAVY_FIELDS), PAGE_SIZE
    )
    paginator.count = totals["total"]  # counted above with the maturities
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "filter": filterset,
        "filters_valid": valid,
        "page_obj": page_obj,
        # The page of results, the same for everybody: kept like the counts.
        "initiatives": fragments.cached(
            "initiative-results",
            [SITE, INITIATIVES],
            lambda: attach_places(
                list(page_obj.object_list), filterset.territories, filterset.enjeux
            ),
            vary=[query, page_obj.number],
            request=request,
        )
        if valid
        else [],
        "maturity_counts": [
            (value, label, totals[value]) for value, label in InitiativePage.Maturity.choices
        ]
        if valid
        else [],
        "territory_counts": [
            (territory, by_territory.get(territory.pk, 0)) for territory in filterset.territories
        ]
        if valid
        else [],
        "query": query,
        "maturity_query": query_without(request, "page", "maturite"),
        "territory_query": query_without(request, "page", "territoire"),
        "list_id": LIST_ID,
        "filter_form_id": FILTER_FORM_ID,
        "geojson_url": reverse("initiatives:geojson"),
        "new_url": reverse("initiatives:new"),
    }


@require_safe
def initiatives_geojson(request):
    """Published initiatives as GeoJSON: the planisphère's filters, ``bbox`` and ``zoom``.

    Properties: id, kind, name, url, summary (shortened), maturity and its label,
    territories and enjeux (names). Zoomed out on many initiatives, grid clusters instead.
    """
    depends_on(request, INITIATIVES)
    try:
        bbox = parse_bbox(request.GET.get("bbox"))
        zoom = parse_zoom(request.GET.get("zoom"))
    except GeoParameterError as error:
        return bad_request(error)
    filterset = published_filter(request)
    if not filterset.is_valid():
        return bad_request(_("Invalid filters."), filter_errors(filterset))
    features, members = geo.initiative_features(filterset.qs, request, bbox, zoom)
    response = geojson_response(features, **members)
    # No copy kept by browsers or proxies: the page cache answers, and never stale.
    patch_cache_control(response, no_cache=True)
    # The labels follow the visitor's language, which a cookie may choose.
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


@require_safe
def initiative_geojson(request, pk):
    """The point of one initiative, for the small map of its page (drafts: 404 to others)."""
    page = get_initiative(request, pk)
    features = []
    if page.latitude is not None and page.longitude is not None:
        page.live_territories, page.live_enjeux = [], []
        features.append(geo.initiative_feature(page, request))
    response = geojson_response(features)
    patch_cache_control(response, private=True, max_age=GEOJSON_MAX_AGE)
    return response
