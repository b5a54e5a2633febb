"""Membership as the initiative page shows it: the member list (display names only), the
visitor's own place, and the buttons they may use."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms_pages.forms import LongTextField

from .models import InitiativePage, Membership
from .rules import has_a_porteur, is_published, lost_its_porteurs, membership_of

# The page lists this many members at most; the members page lists them all.
MEMBERS_SHOWN = 50
JOIN_MESSAGE_MAX_LENGTH = Membership._meta.get_field("message").max_length


class JoinRequestForm(forms.Form):
    """The optional message of a request to join an initiative whose porteurs accept members."""

    message = LongTextField(
        label=_("A word for the porteurs"),
        required=False,
        max_length=JOIN_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].help_text = gettext(
            "Optional, at most %(max)s characters: who you are, what you would like to do."
        ) % {"max": JOIN_MESSAGE_MAX_LENGTH}


def active_members(page, limit=None):
    """Accepted members, porteurs first, oldest first; only what the list shows is loaded."""
    queryset = (
        Membership.objects.active()
        .filter(initiative=page)
        .select_related("user")
        .only("role", "status", "joined_at", "user__display_name")
        .order_by("-role", "joined_at", "pk")
    )
    return list(queryset[:limit] if limit else queryset)


def page_membership_context(request, page):
    """What ``initiatives/includes/membership.html`` needs, in a number of queries that does
    not grow with the number of members."""
    user = request.user
    shown = active_members(page, limit=MEMBERS_SHOWN + 1)
    more = len(shown) > MEMBERS_SHOWN
    members = shown[:MEMBERS_SHOWN]
    member_count = (
        Membership.objects.active().filter(initiative=page).count() if more else len(members)
    )
    my_membership = membership_of(user, page)
    can_manage = user.has_perm("initiatives.manage_members", page)
    porteur_count = sum(1 for member in members if member.is_porteur)
    is_open = page.membership_policy == InitiativePage.MembershipPolicy.OPEN
    # Superusers hold every permission: the page state is asked separately so that a draft
    # shown in a preview never offers to join, write or report.
    published = is_published(user, page)
    # Waiting for a new porteur: the page says so instead of offering to join or write (not
    # asked of a porteur's own page, which has one).
    if my_membership is not None and my_membership.is_porteur:
        has_a_porteur(page)
    without_porteur = published and lost_its_porteurs(user, page)
    can_join = (
        published and my_membership is None and user.has_perm("initiatives.join_initiative", page)
    )
    return {
        "members": members,
        "member_count": member_count,
        "more_members": more,
        "my_membership": my_membership,
        "is_open_membership": is_open,
        "can_join": can_join,
        "can_leave": my_membership is not None
        and user.has_perm("initiatives.leave_initiative", page),
        # The last porteur is told to promote someone instead of being shown "Quitter".
        "is_last_porteur": my_membership is not None
        and my_membership.is_porteur
        and porteur_count <= 1,
        "can_manage": can_manage,
        "pending_count": Membership.objects.pending().filter(initiative=page).count()
        if can_manage
        else 0,
        "join_form": JoinRequestForm() if can_join and not is_open else None,
        "without_porteur": without_porteur,
        "can_contact": published and user.has_perm("initiatives.contact_initiative", page),
        "can_report": published
        and not (my_membership and my_membership.status == Membership.Status.ACTIVE)
        and user.has_perm("initiatives.report_initiative", page),
    }
