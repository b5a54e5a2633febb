"""Keeping Wagtail's admin e-mails away from citizens.

Wagtail e-mails the person who submitted a page (and the people commenting on it) with links
into the admin, which a citizen cannot open. Citizens without admin access have those
notifications switched off on their Wagtail profile; the plugins send their own e-mails instead.
"""

from wagtail.users.models import UserProfile

# The Wagtail profile switches a citizen does not need: every one of them sends admin links.
ADMIN_NOTIFICATIONS = (
    "submitted_notifications",
    "approved_notifications",
    "rejected_notifications",
    "updated_comments_notifications",
)


def has_admin_access(user):
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def mute_admin_emails(user):
    """Switch off Wagtail's workflow and comment e-mails for a citizen without admin access
    (staff keep their own preferences). Returns True if the profile changed."""
    if user is None or not user.is_authenticated or has_admin_access(user):
        return False
    profile = UserProfile.get_for_user(user)
    changed = [name for name in ADMIN_NOTIFICATIONS if getattr(profile, name)]
    for name in changed:
        setattr(profile, name, False)
    if changed:
        profile.save(update_fields=changed)
    return bool(changed)
