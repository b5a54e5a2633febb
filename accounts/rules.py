"""Who may do what with accounts and staff areas, as composable ``rules`` predicates."""

import rules

EDITORS = "Éditeurs"
MODERATORS = "Modérateurs"
FACILITATORS = "Animateurs"

is_editor = rules.is_group_member(EDITORS)
is_moderator = rules.is_group_member(MODERATORS)
is_facilitator = rules.is_group_member(FACILITATORS)


@rules.predicate
def is_self(user, account):
    """The account is the user's own."""
    return account is not None and user.is_authenticated and user.pk == account.pk


rules.add_perm("accounts.change_profile", rules.is_active & is_self)

# Staff who must give a second factor before any admin page (accounts/middleware.py); the
# Animateurs are offered two-factor authentication on their profile, not forced.
must_use_two_factor = rules.is_superuser | is_editor | is_moderator
may_use_two_factor = must_use_two_factor | is_facilitator
