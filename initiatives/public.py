"""What the public pages show of initiatives: published ones only.

Published means live, outside any view restriction and carried by a porteur: one that lost its
last porteur (``PorteurVacancy``) leaves every list — planisphère, feed, search, enjeu and
territory pages — until a moderator names a new one; its own page stays readable. Lists read
the live rows: a published initiative whose change waits for the Modérateurs keeps its live
(checked) content in its row, the change lives in a revision only. Drafts and pending
initiatives are never live.
"""

from django.db.models import Count, F, Prefetch, Q, Value, Window
from wagtail.models import Page

from cms_pages.collation import french
from cms_pages.models import EnjeuPage, TerritoryPage
from cms_pages.visibility import without_restricted
from consultation.models import Contribution

from .members import page_membership_context
from .models import InitiativePage

# The enjeu and territory pages show at most this many initiatives (then a link to the
# planisphère filtered on them); a contribution page shows up to INSPIRED_SIZE.
LINEAGE_SIZE = 6
INSPIRED_SIZE = 50
# Columns a card never reads: left out of list queries.
HEAVY_FIELDS = ("description", "needs", "location")


def live_pages(model):
    """Published pages of ``model`` (territories, enjeux), for filters and relations."""
    return without_restricted(model.objects.live())


def published_initiatives():
    """What every public list of initiatives reads (a join on the vacancies, no query more)."""
    return without_restricted(InitiativePage.objects.live()).filter(porteur_vacancy__isnull=True)


def card_relations(queryset):
    """``queryset`` ready for cards: heavy columns left out, the live territories and enjeux
    prefetched (two queries for the whole page of results) as ``live_territories`` and
    ``live_enjeux``."""
    return queryset.defer(*HEAVY_FIELDS).prefetch_related(
        Prefetch(
            "territories",
            queryset=live_pages(TerritoryPage).only("id", "title", "slug").order_by(french()),
            to_attr="live_territories",
        ),
        Prefetch(
            "enjeux",
            queryset=live_pages(EnjeuPage).only("id", "title", "slug", "colour").order_by(french()),
            to_attr="live_enjeux",
        ),
    )


def attach_places(initiatives, territories, enjeux):
    """Set ``live_territories`` and ``live_enjeux`` on each of ``initiatives`` (a page of
    results), picked from the live ``territories`` and ``enjeux`` the caller already read,
    with one query over both relation tables."""
    pks = [initiative.pk for initiative in initiatives]
    tables = [
        (InitiativePage.territories.through, "territorypage", territories),
        (InitiativePage.enjeux.through, "enjeupage", enjeux),
    ]
    queries = [
        through.objects.filter(initiativepage__in=pks)
        .annotate(relation=Value(number))
        .values_list("initiativepage", target, "relation")
        for number, (through, target, _pages) in enumerate(tables)
    ]
    links = {}
    for initiative, page, relation in queries[0].union(*queries[1:], all=True) if pks else []:
        links.setdefault((initiative, relation), set()).add(page)
    for initiative in initiatives:
        for number, attribute in enumerate(("live_territories", "live_enjeux")):
            chosen = links.get((initiative.pk, number), set())
            # The live pages, in the order the caller read them (by title).
            setattr(initiative, attribute, [p for p in tables[number][2] if p.pk in chosen])
    return initiatives


def parent_url(page_url):
    """The URL of a page's parent, read off the page's own URL (Wagtail builds a page's URL
    as its parent's plus its slug), so that a link to the planisphère costs no query."""
    if not page_url:
        return None
    return page_url[: page_url.rstrip("/").rfind("/") + 1]


def lineage_context(request, limit=LINEAGE_SIZE, **lookup):
    """The latest ``limit`` published initiatives matching ``lookup`` (e.g.
    ``enjeux=page``), their total and the planisphère's URL, in one query: ``initiatives``,
    ``initiative_count``, ``planisphere_url``."""
    rows = list(
        published_initiatives()
        .filter(**lookup)
        .defer(*HEAVY_FIELDS)
        .annotate(total=Window(Count("pk")))
        .order_by("-first_published_at", "-pk")[:limit]
    )
    return {
        "initiatives": rows,
        "initiative_count": rows[0].total if rows else 0,
        "planisphere_url": parent_url(rows[0].get_url(request=request)) if rows else None,
    }


def _stored_ids(manager):
    """Primary keys a parental relation holds on this object: in memory for a revision or a
    preview, else in the database (then as a subquery, no query of its own)."""
    related = manager.all()
    if hasattr(related, "query"):
        return related.values("pk")
    return [obj.pk for obj in related]


def live_places(page):
    """``(territories, enjeux)``: the live ones among those ``page`` stores, in one query.

    Both are plain Page rows (title and URL), sorted by title; an enjeu carries its
    ``colour``."""
    rows = list(
        without_restricted(Page.objects.live())
        .filter(
            Q(pk__in=_stored_ids(page.territories), territorypage__isnull=False)
            | Q(pk__in=_stored_ids(page.enjeux), enjeupage__isnull=False)
        )
        .annotate(colour=F("enjeupage__colour"))
        .order_by("title", "pk")
    )
    return [row for row in rows if row.colour is None], [row for row in rows if row.colour]


def initiative_relations(request, page):
    """What the initiative page shows beside its own fields: its live territories and enjeux,
    the published contributions it came from, its tags (sorted)."""
    territories, enjeux = live_places(page)
    return {
        "territories": territories,
        "enjeux": enjeux,
        "inspired_by": list(
            Contribution.objects.published()
            .filter(pk__in=_stored_ids(page.inspired_by))
            .only("id", "kind", "title", "text", "created_at")
            .order_by("-created_at", "-pk")
        ),
        "tags": sorted(page.tags.all(), key=lambda tag: tag.name.lower()),
    }


def initiative_page_context(request, page):
    """Context of the public initiative page: relations, membership, what the visitor may
    do there (each link shown only to who may follow it; ``can_contact`` and ``can_report``
    come from ``page_membership_context``)."""
    user = request.user
    context = initiative_relations(request, page)
    if page.pk is None:  # the admin's preview of a page not saved yet: nobody belongs to it
        return {**context, "members": [], "my_membership": None, "commune": page.commune}
    context.update(page_membership_context(request, page))
    signed_in = user.is_authenticated
    can_edit = signed_in and user.has_perm("initiatives.change_initiative", page)
    context.update(
        {
            "can_edit": can_edit,
            "can_view_history": signed_in and user.has_perm("initiatives.view_history", page),
            # The status page is the members' view of the moderation of their initiative.
            "can_view_status": can_edit,
            "commune": page.commune if page.commune_id else None,
            "has_point": page.latitude is not None and page.longitude is not None,
            "planisphere_url": parent_url(page.get_url(request=request)),
        }
    )
    return context
