"""The planisphère's GeoJSON: published initiatives as points, or counted in SQL when many.

A few hundred initiatives in view travel as points (the map groups them itself); beyond
that, zoomed out, the database groups them by grid cell, so the payload and the time do not
grow with their number. Properties carry no personal data: no owner, no member.
"""

from django.utils.text import Truncator
from django.utils.translation import ngettext

from cms_pages.geo import cluster_extent, grid_clusters, in_bbox
from theme.geojson import feature, point

from .public import card_relations

# More initiatives than this in view, zoomed out: grid clusters counted in SQL.
CLUSTER_ABOVE = 300
# From this zoom on, always points (a cluster there could not be zoomed apart).
POINTS_FROM_ZOOM = 15
# Points in one answer at most (the answer then says "truncated").
MAX_POINTS = 5000
SUMMARY_LENGTH = 160
# About a metre: enough for a marker, fewer bytes.
COORDINATE_DECIMALS = 5


def feature_id(pk):
    """The id shared by an initiative's feature and its list item (data-feature-id)."""
    return f"initiative-{pk}"


def initiative_feature(page, request):
    return feature(
        point(
            round(page.latitude, COORDINATE_DECIMALS), round(page.longitude, COORDINATE_DECIMALS)
        ),
        id=feature_id(page.pk),
        kind="initiative",
        name=page.title,
        url=page.get_url(request=request),
        summary=Truncator(" ".join(page.summary.split())).chars(SUMMARY_LENGTH),
        maturity=page.maturity,
        maturity_label=str(page.get_maturity_display()),
        territories=[territory.title for territory in page.live_territories],
        enjeux=[enjeu.title for enjeu in page.live_enjeux],
    )


def point_features(located, request):
    """Every point (newest first, at most MAX_POINTS) and whether some were left out."""
    rows = list(card_relations(located.order_by("-first_published_at", "-pk"))[: MAX_POINTS + 1])
    return [initiative_feature(page, request) for page in rows[:MAX_POINTS]], len(rows) > MAX_POINTS


def cluster_features(located, zoom, bbox, request):
    clusters = list(grid_clusters(located, zoom, bbox))
    singles = [row["first"] for row in clusters if row["count"] == 1]
    pages = {}
    if singles:
        pages = {
            page.pk: initiative_feature(page, request)
            for page in card_relations(located.filter(pk__in=singles).order_by())
        }
    features = []
    for row in clusters:
        if row["count"] == 1:
            features.append(pages[row["first"]])
            continue
        features.append(
            feature(
                point(
                    round(row["lat"], COORDINATE_DECIMALS), round(row["lng"], COORDINATE_DECIMALS)
                ),
                id=f"cluster-{int(row['cx'])}-{int(row['cy'])}",
                kind="cluster",
                name=ngettext("%(count)s initiative", "%(count)s initiatives", row["count"])
                % {"count": row["count"]},
                count=row["count"],
                extent=cluster_extent(row, lambda value: round(value, COORDINATE_DECIMALS)),
            )
        )
    return features


def initiative_features(initiatives, request, bbox=None, zoom=None):
    """``(features, members)`` of the filtered published ``initiatives`` inside ``bbox``:
    points, or grid clusters when zoomed out on many; ``members`` may say "truncated"."""
    located = in_bbox(initiatives, bbox)
    if zoom is not None and zoom < POINTS_FROM_ZOOM:
        in_view = located.order_by().values_list("pk", flat=True)[: CLUSTER_ABOVE + 1]
        if len(in_view) > CLUSTER_ABOVE:
            return cluster_features(located, zoom, bbox, request), {}
    features, truncated = point_features(located, request)
    return features, ({"truncated": True} if truncated else {})
