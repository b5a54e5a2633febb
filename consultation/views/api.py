"""Open endpoints of the published contributions: the map's GeoJSON and the CSV open data.

Both take the map page's filters (consultation.filters); neither ever gives a pending,
hidden or rejected contribution, an author, a facilitator, a participant or an exact point.
A malformed parameter is a 400 with a short message, never a 500.
"""

from urllib.parse import urlencode

from django.db.models import Avg, Count, Q
from django.db.models.functions import Substr
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from cms_pages.geo import (
    GeoParameterError,
    boundary_bbox,
    cluster_extent,
    in_bbox,
    parse_bbox,
    parse_zoom,
)
from cms_pages.models import Commune
from cms_pages.page_cache import conditional
from cms_pages.page_cache.versions import depends_on
from consultation import geo, open_data
from consultation.filters import filter_errors, live_enjeux, live_territories, published_filter
from consultation.models import Contribution
from consultation.page_cache import CONTRIBUTIONS, contribution_key
from theme.geojson import bad_request, feature, geojson_response, point

LICENCE_NAME = "Licence Ouverte 2.0 / Etalab"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
NAME_LENGTH = 80


def contribution_name(title, text):
    """What the map and the list call a contribution: its title, or the start of its text."""
    return title or Truncator(" ".join(text.split())).chars(NAME_LENGTH)


def detail_prefix():
    """The detail pages are "<map page>/<pk>/": one reverse() per response, not per row."""
    return reverse("consultation:map")


def territory_rows(contributions, territories):
    """``[{territory, slug, count, unplaced}]``: per live territory, the filtered
    contributions and those of them without a point, in one grouped query."""
    slugs = {territory.pk: territory.slug for territory in territories}
    rows = (
        contributions.order_by()
        .values("territory")
        .annotate(count=Count("pk"), unplaced=Count("pk", filter=Q(latitude__isnull=True)))
        .order_by()
    )
    return [{**row, "slug": slugs[row["territory"]]} for row in rows if row["territory"] in slugs]


def boundary_features(request, territories, filterset, zoom):
    chosen = filterset.form.cleaned_data.get("territoire")
    return [
        feature(
            geo.light_boundary(territory.boundary, zoom),
            id=f"territoire-{territory.pk}",
            name=territory.title,
            url=territory.get_url(request=request),
            kind="territory",
            role="boundary",
        )
        for territory in territories
        if territory.boundary and (chosen is None or territory.pk == chosen.pk)
    ]


def point_feature(row, prefix):
    pk, kind, title, text, latitude, longitude, support_count, approximate = row
    properties = {}
    if approximate:
        # Placed by commune only: drawn near the commune's centre.
        properties = {"approximate": True, "note": _("approximate position")}
    return feature(
        point(geo.public_round(latitude), geo.public_round(longitude)),
        id=f"contribution-{pk}",
        kind=kind,
        name=contribution_name(title, text),
        url=f"{prefix}{pk}/",
        support_count=support_count,
        **properties,
    )


POINT_FIELDS = (
    "pk",
    "kind",
    "title",
    "excerpt",
    "latitude",
    "longitude",
    "support_count",
    "point_is_approximate",
)


def point_rows(queryset):
    return queryset.annotate(excerpt=Substr("text", 1, NAME_LENGTH + 20)).values_list(*POINT_FIELDS)


def point_features(located):
    """Every point (newest first, at most MAX_POINTS) and whether some were left out."""
    rows = list(point_rows(located.order_by("-created_at", "-pk"))[: geo.MAX_POINTS + 1])
    truncated = len(rows) > geo.MAX_POINTS
    prefix = detail_prefix()
    return [point_feature(row, prefix) for row in rows[: geo.MAX_POINTS]], truncated


def cluster_features(located, zoom, bbox):
    """Grid clusters computed in SQL; a cell holding one contribution is its own point."""
    clusters = list(geo.grid_clusters(located, zoom, bbox))
    singles = [row["first"] for row in clusters if row["count"] == 1]
    prefix = detail_prefix()
    points = {
        row[0]: point_feature(row, prefix)
        for row in point_rows(Contribution.objects.filter(pk__in=singles).order_by())
    }
    features = []
    for row in clusters:
        if row["count"] == 1:
            features.append(points[row["first"]])
            continue
        features.append(
            feature(
                point(geo.public_round(row["lat"]), geo.public_round(row["lng"])),
                id=f"cluster-{int(row['cx'])}-{int(row['cy'])}",
                kind="cluster",
                name=ngettext("%(count)s contribution", "%(count)s contributions", row["count"])
                % {"count": row["count"]},
                count=row["count"],
                extent=cluster_extent(row, geo.public_round),
                kinds={kind: row[kind] for kind in Contribution.Kind.values},
            )
        )
    return features


def territory_marker_point(territory, commune_centres):
    """Where a territory's « sans point » marker stands: its centre, else the middle of its
    communes' points, else the middle of its boundary; None when nothing is known."""
    if territory.latitude is not None and territory.longitude is not None:
        return territory.latitude, territory.longitude
    if territory.pk in commune_centres:
        return commune_centres[territory.pk]
    if territory.boundary:
        try:
            west, south, east, north = boundary_bbox(territory.boundary)
        except (KeyError, TypeError, ValueError, IndexError):
            return None
        return (south + north) / 2, (west + east) / 2
    return None


def unplaced_features(request, rows, territories):
    """One marker per territory counting its filtered contributions with no point (placed
    by a commune without a point, or by territory only): « N contributions placées sans
    point », linking to the list of that territory with the same filters. Not cut by the
    bbox: the five markers are always there. A territory with no known position gets a
    feature without geometry (the counts still add up)."""
    counts = {row["territory"]: row["unplaced"] for row in rows if row["unplaced"]}
    if not counts:
        return []
    without_centre = [
        t.pk for t in territories if t.pk in counts and (t.latitude is None or t.longitude is None)
    ]
    centres = {}
    if without_centre:
        centres = {
            row["territory"]: (row["lat"], row["lng"])
            for row in Commune.objects.filter(territory__in=without_centre, latitude__isnull=False)
            .order_by()
            .values("territory")
            .annotate(lat=Avg("latitude"), lng=Avg("longitude"))
        }
    query = request.GET.copy()
    for name in ("bbox", "zoom", "page", "territoire"):
        query.pop(name, None)
    prefix = detail_prefix()
    features = []
    for territory in territories:
        count = counts.get(territory.pk)
        if not count:
            continue
        where = territory_marker_point(territory, centres)
        link = urlencode([*query.lists(), ("territoire", [territory.slug])], doseq=True)
        features.append(
            feature(
                point(geo.public_round(where[0]), geo.public_round(where[1])) if where else None,
                id=f"sans-point-{territory.slug}",
                kind="unplaced",
                name=ngettext(
                    "%(count)s contribution placed without a point (%(territory)s)",
                    "%(count)s contributions placed without a point (%(territory)s)",
                    count,
                )
                % {"count": count, "territory": territory.title},
                url=f"{prefix}?{link}",
                unplaced=count,
                territory=territory.slug,
            )
        )
    return features


@require_safe
def contributions_geojson(request):
    """Published contributions as GeoJSON: ``bbox``, ``zoom`` and the map page's filters.

    Below settings.CONTRIBUTIONS_CLUSTER_BELOW_ZOOM, points are grid clusters counted in
    SQL. Contributions placed by commune only are drawn near their commune's point
    (``approximate``); those with no point at all are counted in one « sans point » marker
    per territory (``kind: unplaced``). Foreign member ``territories``: counts per territory
    of the filtered contributions, including those without a point (not cut by the bbox).
    """
    depends_on(request, CONTRIBUTIONS)
    try:
        bbox = parse_bbox(request.GET.get("bbox"))
        zoom = parse_zoom(request.GET.get("zoom"))
    except GeoParameterError as error:
        return bad_request(error)
    filterset = published_filter(request)
    if not filterset.is_valid():
        return bad_request(_("Invalid filters."), filter_errors(filterset))
    contributions = filterset.qs
    located = in_bbox(contributions, bbox)
    territories = list(live_territories(request))
    features = boundary_features(request, territories, filterset, zoom)
    members = {}
    if geo.should_cluster(zoom):
        features += cluster_features(located, zoom, bbox)
    else:
        points, truncated = point_features(located)
        features += points
        if truncated:
            members["truncated"] = True
    rows = territory_rows(contributions, territories)
    features += unplaced_features(request, rows, territories)
    members["territories"] = sorted(
        ({"slug": row["slug"], "count": row["count"]} for row in rows),
        key=lambda row: row["slug"],
    )
    return geojson_response(features, **members)


@require_safe
def contribution_geojson(request, pk):
    """The rounded point of one contribution, for the small map of its page."""
    depends_on(request, contribution_key(pk))
    contribution = get_object_or_404(Contribution, pk=pk)
    if not request.user.has_perm("consultation.see_contribution", contribution):
        raise Http404
    features = []
    if contribution.has_point:
        features.append(
            point_feature(
                (
                    contribution.pk,
                    contribution.kind,
                    contribution.title,
                    contribution.text,
                    contribution.latitude,
                    contribution.longitude,
                    contribution.support_count,
                    contribution.point_is_approximate,
                ),
                detail_prefix(),
            )
        )
    return geojson_response(features)


@require_safe
def contributions_csv(request):
    """The published contributions as open data (UTF-8 with BOM), under Licence Ouverte 2.0.

    Streamed by chunks (consultation.open_data), so memory stays flat; never stored, but
    answered with a 304 while the client's copy is current (its ETag).
    """
    tag = conditional.etag(request, CONTRIBUTIONS)
    unchanged = conditional.not_modified(request, tag)
    if unchanged is not None:
        return unchanged
    filterset = published_filter(request)
    if not filterset.is_valid():
        errors = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in filter_errors(filterset).items()
        )
        return HttpResponse(
            _("Invalid filters.") + " " + errors,
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    base_url = request.build_absolute_uri(detail_prefix())
    response = StreamingHttpResponse(
        open_data.csv_lines(filterset.qs, live_enjeux(request), base_url),
        content_type="text/csv; charset=utf-8; header=present",
    )
    response["Content-Disposition"] = 'attachment; filename="contributions.csv"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"; title="{LICENCE_NAME}"'
    response["X-License"] = LICENCE_NAME
    response["X-Content-Type-Options"] = "nosniff"
    return conditional.mark(response, tag)
