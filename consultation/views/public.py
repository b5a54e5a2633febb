"""Public pages of the révoltes and rêves: the map with its list, and one contribution.

The list beside the map is the map's accessible alternative: it is rendered by the server
from the same filters, and the map component swaps it in (same element id) when a filter
changes, so it works without JavaScript and stays the single source of truth.
"""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cms_pages import fragments
from cms_pages.page_cache.versions import SITE, depends_on
from cms_pages.panels import page_panels_context
from consultation.filters import live_enjeux, live_territories, published_filter
from consultation.models import Contribution
from consultation.page_cache import CONTRIBUTIONS, contribution_key

PAGE_SIZE = 20
LIST_ID = "contributions-liste"
FILTER_FORM_ID = "filtres-contributions"


def kind_counts():
    """Aggregates counting all, and each kind of, contributions."""
    return {
        "total": Count("pk"),
        **{kind: Count("pk", filter=Q(kind=kind)) for kind in Contribution.Kind.values},
    }


def counts_by_territory(request, contributions):
    """``[({pk, slug, title}, {total, revolte, reve})]`` for every live territory (two
    queries)."""
    rows = contributions.order_by().values("territory").annotate(**kind_counts())
    by_territory = {row.pop("territory"): row for row in rows}
    empty = dict.fromkeys(kind_counts(), 0)
    return [
        (territory, by_territory.get(territory["pk"], empty))
        for territory in live_territories(request).values("pk", "slug", "title")
    ]


def filtered_counts(request, contributions, query):
    """``(count, counts_by_territory)`` of the filtered published contributions: counting
    100,000 of them is most of the page's cost, so both are kept until a contribution or a
    page changes (``contributions``, ``site``: the filters name territories, enjeux and
    events), for each set of filters (``query``)."""
    return fragments.cached(
        "contribution-counts",
        [SITE, CONTRIBUTIONS],
        lambda: (contributions.count(), counts_by_territory(request, contributions)),
        vary=[query],
        request=request,
    )


def query_without(request, *names):
    """The current query string minus ``names`` (page links keep the filters)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@require_safe
def contributions_map(request):
    """The map of every published contribution, the filters and the list beside it."""
    depends_on(request, CONTRIBUTIONS)
    filterset = published_filter(request)
    valid = filterset.is_valid()
    contributions = filterset.qs if valid else Contribution.objects.none()
    query = query_without(request, "page")
    count, territory_counts = filtered_counts(request, contributions, query) if valid else (0, [])
    paginator = fragments.CountedPaginator(
        contributions.select_related("territory").order_by("-created_at", "-pk"),
        PAGE_SIZE,
        count,
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "consultation/map.html",
        {
            "filter": filterset,
            "filters_valid": valid,
            "page_obj": page_obj,
            "contributions": page_obj.object_list,
            "territory_counts": territory_counts,
            "query": query,
            "territory_query": query_without(request, "page", "territoire"),
            "list_id": LIST_ID,
            "filter_form_id": FILTER_FORM_ID,
            "geojson_url": reverse("consultation:geojson"),
            "csv_url": reverse("consultation:csv") + (f"?{query}" if query else ""),
        },
    )


@require_safe
def contribution_detail(request, pk):
    """A contribution's public page; unpublished ones only for their author and moderators."""
    depends_on(request, contribution_key(pk))
    contribution = get_object_or_404(
        Contribution.objects.select_related("territory", "commune", "event"), pk=pk
    )
    if not request.user.has_perm("consultation.see_contribution", contribution):
        raise Http404
    event = contribution.event
    if event is not None and not event.live:
        event = None  # a draft event is not named
    return render(
        request,
        "consultation/detail.html",
        {
            "contribution": contribution,
            "is_published": contribution.status == Contribution.Status.PUBLISHED,
            "tags": sorted(contribution.tags.all(), key=lambda tag: tag.name.lower()),
            "enjeux": list(live_enjeux(request).filter(contributions=contribution)),
            "event": event,
            "event_url": event.get_url(request=request) if event else None,
            "point": contribution.public_point(),
            # What plugins show of it (the initiatives it inspired…).
            **page_panels_context(["contribution"], contribution, request),
        },
    )
