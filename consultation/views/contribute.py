"""What signed-in citizens do with révoltes and rêves: post one, say “moi aussi”, report one
(the core's report view, through ``ContributionReportable``), and follow their own."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cms_pages.areas import CENTRE_BOX_DEGREES
from cms_pages.models import TerritoryPage
from moderation.registry import Reportable

from ..forms import ContributionForm
from ..models import Contribution, Support
from ..ratelimit import contributions as contribution_limit
from ..ratelimit import duplicate_contribution

MY_CONTRIBUTIONS_PER_PAGE = 20
# A page's slug, as Wagtail allows it (Unicode letters and digits, hyphens, underscores).
SLUG_RE = re.compile(r"[-\w]+")
SLUG_MAX_LENGTH = 255


def _initial_slug(request, name):
    """The page slug given in ``?name=`` (from a territory or an enjeu page), or "" when it is
    missing or malformed (never sent to the database: a NUL byte fails on PostgreSQL)."""
    slug = request.GET.get(name, "")
    return slug if slug and len(slug) <= SLUG_MAX_LENGTH and SLUG_RE.fullmatch(slug) else ""


def _initial_territory(request):
    """The live public territory named in ``?territoire=slug`` (from a territory page), else
    the citizen's home territory. An unknown or malformed slug is ignored."""
    slug = _initial_slug(request, "territoire")
    if slug:
        territory = TerritoryPage.objects.live().public().filter(slug=slug).only("pk").first()
        if territory:
            return territory.pk
    return request.user.home_territory_id


@login_required
@require_http_methods(["GET", "POST"])
def new_contribution(request):
    """The online form; a valid one is stored pending moderation (or published when
    post-moderation is on) and leads to the contribution's page."""
    if not request.user.has_perm("consultation.post_contribution"):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = ContributionForm(request.POST)
        if form.is_valid():
            # The account's row is locked until the request's transaction ends: a double
            # submit finds the first one, parallel posts count each other.
            duplicate = duplicate_contribution(request.user, form.cleaned_data)
            if duplicate is not None:
                messages.info(request, _("Already sent: your contribution was received once."))
                return redirect(duplicate)
            if contribution_limit.take(request.user):
                with transaction.atomic():
                    contribution = form.save(author=request.user)
                if contribution.status == Contribution.Status.PENDING:
                    messages.success(
                        request,
                        _(
                            "Thank you! Your contribution has been received. It will be "
                            "published once a moderator has read it; you will get an e-mail."
                        ),
                    )
                else:
                    messages.success(request, _("Thank you! Your contribution is published."))
                return redirect(contribution)
            form.add_error(
                None,
                ValidationError(
                    _(
                        "You have posted many contributions in a short time. Please wait a "
                        "while before posting again; your text is kept below."
                    ),
                    code="rate_limited",
                ),
            )
            status = 429
        else:
            status = 400
    else:
        # ``?enjeu=`` (the call of an enjeu page) is accepted and ignored: the form does not
        # ask for an enjeu, moderators link contributions to enjeux.
        form = ContributionForm(initial={"territory": _initial_territory(request)})
    return render(
        request,
        "consultation/contribution_form.html",
        {
            "form": form,
            "limit_reached": contribution_limit.exhausted(request.user),
            "point_config": {
                "territories": form.territory_slugs(),
                "source": reverse("territories-geojson"),
                "centreBox": CENTRE_BOX_DEGREES,
            },
        },
        status=status,
    )


def add_support(contribution, user):
    """Record ``user``'s “moi aussi” once; return True if it is new.

    The unique constraint settles parallel clicks: the losing insert fails inside its own
    savepoint and changes nothing, and only a successful insert raises the counter.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                Support.objects.create(contribution=contribution, user=user)
        except IntegrityError:
            return False
        Contribution.objects.filter(pk=contribution.pk).update(support_count=F("support_count") + 1)
    return True


def remove_support(contribution, user):
    """Withdraw ``user``'s “moi aussi”; return True if there was one.

    Only the request that deletes the row lowers the counter, so parallel clicks count once.
    """
    with transaction.atomic():
        deleted, _rows = Support.objects.filter(contribution=contribution, user=user).delete()
        if not deleted:
            return False
        Contribution.objects.filter(pk=contribution.pk, support_count__gt=0).update(
            support_count=F("support_count") - 1
        )
    return True


def _visible_contribution(request, pk):
    """The contribution if this user may see it (404 otherwise, so nothing leaks)."""
    return get_object_or_404(Contribution.objects.visible_to(request.user), pk=pk)


@login_required
@require_POST
def support(request, pk):
    """“Moi aussi” on a published contribution; a second click changes nothing."""
    contribution = _visible_contribution(request, pk)
    if not request.user.has_perm("consultation.support_contribution", contribution):
        raise PermissionDenied
    if add_support(contribution, request.user):
        messages.success(request, _("You said “moi aussi”. Thank you!"))
    else:
        messages.info(request, _("You had already said “moi aussi” to this contribution."))
    return redirect(contribution)


@login_required
@require_POST
def withdraw_support(request, pk):
    """Withdraw one's “moi aussi”; a second click (or none to withdraw) changes nothing."""
    contribution = _visible_contribution(request, pk)
    if remove_support(contribution, request.user):
        messages.success(request, _("Your “moi aussi” is withdrawn."))
    else:
        messages.info(request, _("You had not said “moi aussi” to this contribution."))
    return redirect(contribution)


class ContributionReportable(Reportable):
    """Reporting a contribution (``moderation.views.report``): a published one, not one's own
    (``consultation.report_contribution``), from its page; never hidden by reports alone."""

    model = Contribution
    title = gettext_lazy("Report a contribution")
    lead = gettext_lazy(
        "Tell the moderators why this contribution breaks the rules. They read every report; "
        "your name is not shown to its author."
    )
    back_label = gettext_lazy("Back to the contribution")
    thanks = gettext_lazy("Thank you. The moderators will look at this contribution.")
    already = gettext_lazy(
        "You have already reported this contribution; the moderators will look at it."
    )
    noindex = False

    def get_target(self, request, pk):
        return _visible_contribution(request, pk)

    def can_report(self, user, target):
        return user.has_perm("consultation.report_contribution", target)

    def quote(self, target):
        return target.title, target.text


@login_required
@require_http_methods(["GET"])
def my_contributions(request):
    """Every contribution of the signed-in citizen, whatever its status, newest first."""
    contributions = (
        Contribution.objects.filter(author=request.user)
        # Names only: a territory row carries its boundary, which a list never needs.
        .annotate(territory_title=F("territory__title"), commune_name=F("commune__name"))
        .select_related(None)
        .prefetch_related("tags")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(contributions, MY_CONTRIBUTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "consultation/my_contributions.html",
        {"page_obj": page, "contributions": page.object_list},
    )
