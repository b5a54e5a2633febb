"""Demo initiatives for ``load_demo_content``: the planisphère des solutions under the home
page, ten published initiatives across the five territories and one waiting for the
moderators, carried by a few demo citizens.

Like the rest of the demo, a page is looked up (by slug under the index) before it is created
and never updated, so a second run writes nothing. The demo citizens cannot sign in (unusable
passwords): they only give the initiatives their porteurs and members.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import WorkflowPage

from accounts import admin_emails
from cms_pages.geo import format_point
from cms_pages.models import EnjeuPage, HomePage, TerritoryPage
from consultation.demo import KEY_PREFIX as CONTRIBUTION_KEY_PREFIX
from consultation.demo import territory_centre
from consultation.models import Contribution

from . import demo_texts, publication
from .models import InitiativeIndexPage, InitiativePage, Membership

INSPIRATIONS_MAX = 3


@dataclass
class Outcome:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def load_demo_initiatives():
    """Create what is missing of the demo initiatives; return an :class:`Outcome`."""
    outcome = Outcome()
    home = HomePage.objects.first()
    if home is None:
        return outcome
    with transaction.atomic():
        index = demo_index(home, outcome)
        if not WorkflowPage.objects.filter(page=index).exists():
            # Once: an editor may later give the planisphère another workflow.
            publication.attach_workflow(index)
        territories = {t.slug: t for t in TerritoryPage.objects.defer("boundary")}
        enjeux = {e.slug: e for e in EnjeuPage.objects.all()}
        citizens = None
        for spec, pending in [(s, False) for s in demo_texts.INITIATIVES] + [
            (demo_texts.PENDING, True)
        ]:
            existing = InitiativePage.objects.child_of(index).filter(slug=spec["slug"]).first()
            if existing:
                outcome.existing.append(existing.title)
                continue
            if spec["territory"] not in territories:
                continue
            citizens = citizens or demo_citizens()
            create_initiative(index, spec, territories, enjeux, citizens, pending=pending)
            outcome.created.append(spec["title"])
    return outcome


def demo_index(home, outcome):
    index = InitiativeIndexPage.objects.first()
    if index:
        outcome.existing.append(index.title)
        return index
    index = InitiativeIndexPage(live=False, show_in_menus=True, **demo_texts.INDEX)
    home.add_child(instance=index)
    log(instance=index, action="wagtail.create")
    index.save_revision().publish()
    outcome.created.append(index.title)
    return index


def demo_citizens():
    """The demo accounts, created once, without a usable password."""
    users = {}
    user_model = get_user_model()
    for username, display_name in demo_texts.CITIZENS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model(
                username=username,
                email=f"{username}@example.org",
                display_name=display_name,
            )
            user.set_unusable_password()
            user.save()
        admin_emails.mute_admin_emails(user)
        users[username] = user
    return users


def inspirations(spec, territory):
    """Published demo révoltes and rêves sharing a keyword, in its territory first."""
    demo = Contribution.objects.published().filter(
        import_key__startswith=CONTRIBUTION_KEY_PREFIX, tags__name__in=spec["keywords"]
    )
    chosen = list(demo.filter(territory=territory).order_by("pk").distinct()[:INSPIRATIONS_MAX])
    if not chosen:
        chosen = list(demo.order_by("pk").distinct()[:1])
    if not chosen:
        chosen = list(
            Contribution.objects.published().filter(territory=territory).order_by("pk")[:1]
        )
    return chosen


def point(spec, territory):
    centre = territory_centre(territory)
    if centre is None:
        return ""
    d_lat, d_lng = spec["offset"]
    return format_point(round(centre[0] + d_lat, 5), round(centre[1] + d_lng, 5))


def create_initiative(index, spec, territories, enjeux, citizens, pending=False):
    """Add one initiative under ``index``: published through a revision authored by its
    porteur, or, when ``pending``, a draft sent to the moderators."""
    territory = territories[spec["territory"]]
    porteur = citizens[spec["porteur"]]
    page = InitiativePage(
        live=False,
        owner=porteur,
        slug=spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        description=spec["description"],
        maturity=spec["maturity"],
        economic_purpose=spec["economic_purpose"],
        organisation_mode=spec["organisation_mode"],
        membership_policy=spec["membership_policy"],
        location=point(spec, territory),
        commune=territory.communes.filter(name=spec["commune"]).first(),
        needs=[("need", need) for need in spec["needs"]],
    )
    page.territories = [territory]
    page.enjeux = [enjeux[slug] for slug in spec["enjeux"] if slug in enjeux]
    page.inspired_by = inspirations(spec, territory)
    page.tags.add(*spec["tags"])
    index.add_child(instance=page)
    log(instance=page, action="wagtail.create", user=porteur)
    now = timezone.now()
    Membership.objects.create(
        initiative=page, user=porteur, role=Membership.Role.PORTEUR, joined_at=now
    )
    for username in spec.get("members", []):
        Membership.objects.create(initiative=page, user=citizens[username], joined_at=now)
    for username in spec.get("pending", []):
        Membership.objects.create(
            initiative=page,
            user=citizens[username],
            status=Membership.Status.PENDING,
            message="Bonjour, j'habite à côté et j'aimerais donner un coup de main.",
        )
    revision = page.save_revision(user=porteur, log_action=True)
    if pending:
        publication.submit_for_moderation(page, porteur)
    else:
        revision.publish(user=porteur, skip_permission_checks=True)
    return page
