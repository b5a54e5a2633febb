"""Membership from the public site: join, leave, the members page where porteurs answer
requests and manage members, "mes initiatives", writing to the porteurs, and reporting an
initiative (the core's report view, through ``InitiativeReportable``).

Every action is a POST protected by CSRF and checked by a ``rules`` permission; the domain
operations (``initiatives.membership_actions``) lock the initiative's memberships and ask the
permission again on fresh rows. A membership named in a URL must belong to the initiative
named beside it, or the answer is 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from moderation.registry import Reportable

from .. import contact as contact_mail
from .. import membership_actions as actions
from ..members import JoinRequestForm, active_members
from ..models import InitiativePage, Membership
from ..ratelimit import (
    duplicate_join_request,
    initiative_contacts,
    join_requests,
    may_request_to_join,
)
from ..rules import is_member, is_published, lost_its_porteurs
from .common import get_initiative

# Slug in the URL -> (operation, message on success).
MEMBERSHIP_ACTIONS = {
    "accepter": (actions.accept, gettext_lazy("%(name)s is now a member.")),
    "refuser": (actions.refuse, gettext_lazy("The request of %(name)s has been refused.")),
    "promouvoir": (actions.promote, gettext_lazy("%(name)s is now a porteur.")),
    "retrograder": (actions.step_down, gettext_lazy("%(name)s is no longer a porteur.")),
    "retirer": (actions.remove, gettext_lazy("%(name)s is no longer a member.")),
}


def _published_initiative(request, pk):
    """A published initiative (drafts and restricted pages answer 404, to everyone)."""
    page = get_initiative(request, pk)
    if not is_published(request.user, page):
        raise Http404
    return page


def _back_to(request, page):
    """The initiative's public page if the user may still see it, else their initiatives."""
    if page.live:
        return redirect(page.get_url(request) or reverse("initiatives:mine"))
    if request.user.has_perm("initiatives.view_initiative", page):
        return redirect("initiatives:status", page.pk)
    return redirect("initiatives:mine")


def _refused(request, error):
    messages.error(request, error.message, extra_tags=error.code)


@login_required
@require_POST
def join(request, pk):
    """Join at once (open initiative) or ask to join (on request, with an optional message)."""
    page = _published_initiative(request, pk)
    user = request.user
    existing = Membership.objects.filter(initiative=page, user=user).first()
    if existing is not None:
        form = JoinRequestForm(request.POST)
        # The same request sent twice (a double click): answered as the first one was.
        if (
            existing.status == Membership.Status.PENDING
            and form.is_valid()
            and duplicate_join_request(user, page, form.cleaned_data["message"])
        ):
            messages.info(
                request,
                _("Already sent: your request has been sent to the porteurs once."),
            )
        else:
            messages.info(
                request, _("You are already a member of this initiative or have asked to.")
            )
        return _back_to(request, page)
    if lost_its_porteurs(user, page):
        # No porteur would answer: the page says so and points to the team instead.
        messages.error(request, actions.REFUSALS["without_porteur"], extra_tags="without_porteur")
        return _back_to(request, page)
    if not user.has_perm("initiatives.join_initiative", page):
        raise PermissionDenied
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        return render(
            request, "initiatives/join_request.html", {"page": page, "form": form}, status=400
        )
    is_request = page.membership_policy != InitiativePage.MembershipPolicy.OPEN
    if is_request and not may_request_to_join(user, page):
        # Each request e-mails the porteurs: a leave and join loop must not flood them.
        messages.error(
            request,
            _(
                "You have asked to join many times in a short time. Please wait before asking "
                "again; the porteurs have received your earlier requests."
            ),
            extra_tags="rate_limited",
        )
        return _back_to(request, page)
    try:
        membership = actions.join(page, user, message=form.cleaned_data["message"])
    except actions.MembershipRefused as error:
        _refused(request, error)
    else:
        if is_request:
            join_requests.record(user, page.pk)
        if membership.status == Membership.Status.ACTIVE:
            messages.success(request, _("Welcome! You are now a member of this initiative."))
        else:
            messages.success(
                request,
                _("Your request has been sent to the porteurs; you will get an e-mail."),
            )
    return _back_to(request, page)


@login_required
@require_POST
def leave(request, pk):
    """Leave the initiative, or cancel one's request; the last porteur is refused."""
    page = get_initiative(request, pk)
    if not request.user.has_perm("initiatives.leave_initiative", page):
        raise PermissionDenied
    try:
        membership = actions.leave(page, request.user)
    except actions.MembershipRefused as error:
        _refused(request, error)
        return _back_to(request, page)
    if membership.status == Membership.Status.PENDING:
        messages.success(request, _("Your request to join has been cancelled."))
    else:
        messages.success(request, _("You have left the initiative."))
    return _back_to(request, page)


@require_GET
def members(request, pk):
    """The members of an initiative; its porteurs also see the requests and manage members."""
    page = get_initiative(request, pk)
    can_manage = request.user.has_perm("initiatives.manage_members", page)
    pending = []
    if can_manage:
        pending = list(
            Membership.objects.pending()
            .filter(initiative=page)
            .select_related("user")
            .only("status", "role", "message", "created_at", "user__display_name")
            .order_by("created_at", "pk")
        )
    member_list = active_members(page)
    return render(
        request,
        "initiatives/members.html",
        {
            "page": page,
            "members": member_list,
            "pending": pending,
            "can_manage": can_manage,
            "porteur_count": sum(1 for member in member_list if member.is_porteur),
            "page_url": page.get_url(request) if is_published(request.user, page) else "",
        },
    )


@login_required
@require_POST
def membership_action(request, pk, membership_id, action):
    """A porteur's decision on one membership of this initiative (never another's)."""
    if action not in MEMBERSHIP_ACTIONS:
        raise Http404
    page = get_initiative(request, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, initiative=page
    )
    membership.initiative = page
    if not request.user.has_perm("initiatives.manage_membership", membership):
        raise PermissionDenied
    operation, success = MEMBERSHIP_ACTIONS[action]
    try:
        operation(page, membership.pk, request.user)
    except actions.MembershipRefused as error:
        _refused(request, error)
    else:
        messages.success(request, str(success) % {"name": membership.user.public_name})
        if membership.user_id == request.user.pk and action == "retirer":
            return _back_to(request, page)
    return redirect("initiatives:members", page.pk)


@login_required
@require_GET
def my_initiatives(request):
    """The citizen's initiatives, whatever their state: porteur, member, request pending;
    drafts included, with their status page."""
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("initiative")
        .order_by("-created_at", "-pk")
    )
    porteur_of = [m.initiative_id for m in memberships if m.is_porteur]
    pending_counts = dict(
        Membership.objects.pending()
        .filter(initiative_id__in=porteur_of)
        .values("initiative")
        .annotate(count=Count("pk"))
        .values_list("initiative", "count")
    )
    for membership in memberships:
        membership.pending_count = pending_counts.get(membership.initiative_id, 0)
        membership.public_url = (
            membership.initiative.get_url(request) if membership.initiative.live else ""
        )
    return render(
        request,
        "initiatives/my_initiatives.html",
        {
            "porteur": [m for m in memberships if m.is_porteur],
            "member": [
                m for m in memberships if m.status == Membership.Status.ACTIVE and not m.is_porteur
            ],
            "pending": [m for m in memberships if m.status == Membership.Status.PENDING],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact(request, pk):
    """Write to the porteurs through the platform; no address is shown to anyone."""
    page = _published_initiative(request, pk)
    if not request.user.has_perm("initiatives.contact_initiative", page):
        raise PermissionDenied
    porteurs = contact_mail.recipients(page, request.user)
    form = contact_mail.ContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if not porteurs:
            form.add_error(
                None,
                ValidationError(
                    _("This initiative has no other porteur to write to."), code="no_recipient"
                ),
            )
        elif form.is_valid():
            if initiative_contacts.take(request.user):
                data = form.cleaned_data
                contact_mail.send(
                    page,
                    request.user,
                    data["subject"],
                    data["message"],
                    data["share_email"],
                    porteurs,
                    page.get_url(request),
                )
                messages.success(request, _("Your message has been sent to the porteurs."))
                return redirect(page.get_url(request))
            form.add_error(
                None,
                ValidationError(
                    _(
                        "You have sent many messages in a short time. Please wait a while "
                        "before writing again; your text is kept below."
                    ),
                    code="rate_limited",
                ),
            )
            status = 429
    return render(
        request,
        "initiatives/contact.html",
        {
            "page": page,
            "form": form,
            "limit_reached": initiative_contacts.exhausted(request.user),
            "has_recipient": bool(porteurs),
        },
        status=status,
    )


class InitiativeReportable(Reportable):
    """Reporting an initiative (``moderation.views.report``): a published one, not by its
    members; never hidden by reports alone (its publication goes through the moderators)."""

    model = InitiativePage
    title = gettext_lazy("Report an initiative")
    lead = gettext_lazy(
        "Tell the moderators why this initiative breaks the rules. They read every report; "
        "your name is not shown to its members."
    )
    back_label = gettext_lazy("Back to the initiative")
    thanks = gettext_lazy("Thank you. The moderators will look at this initiative.")
    already = gettext_lazy(
        "You have already reported this initiative; the moderators will look at it."
    )

    def get_target(self, request, pk):
        return _published_initiative(request, pk)

    def can_report(self, user, target):
        # Asked apart from the permission, which a superuser always holds.
        return not is_member(user, target) and user.has_perm(
            "initiatives.report_initiative", target
        )

    def get_url(self, request, target):
        return target.get_url(request)

    def get_back_url(self, request, target):
        return target.url

    def quote(self, target):
        return target.title, target.summary
