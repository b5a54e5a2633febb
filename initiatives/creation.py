"""Creating an initiative from the public site: a draft page owned by its creator, who becomes
its first porteur, sent to the Modérateurs' workflow.

The citizen has no Wagtail permission: the view checked our own rule
(``initiatives.add_initiative``), so Wagtail's action runs without its permission checks.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.actions.create_page import CreatePageAction
from wagtail.models import Page, PageSubscription

from accounts import admin_emails
from cms_pages.slugs import is_reserved

from . import publication
from .models import Membership

SLUG_BASE_MAX_LENGTH = 80
FALLBACK_SLUG = "initiative"


def unique_slug(title, parent):
    """A slug derived from ``title``, unused among ``parent``'s children and never one of the
    platform's reserved words: ``repair-cafe``, then ``repair-cafe-2``, ``repair-cafe-3``…"""
    base = slugify(title)[:SLUG_BASE_MAX_LENGTH].strip("-") or FALLBACK_SLUG
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken or is_reserved(parent, candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def create_initiative(form, index, user):
    """Store the valid ``form`` as a draft initiative under ``index`` and submit it to the
    moderators; return the page. Everything happens in one transaction, the image included
    (the form writes it only when saved, here), so a failure leaves nothing behind."""
    try:
        with transaction.atomic():
            # One creation at a time under the index: two parallel ones with the same name
            # would otherwise pick the same slug.
            parent = Page.objects.select_for_update().get(pk=index.pk).specific
            page = form.instance
            page.owner = user
            page.slug = unique_slug(form.cleaned_data["title"], parent)
            page = CreatePageAction(page, parent=parent, user=user, form=form).execute(
                skip_permission_checks=True
            )
            Membership.objects.create(
                initiative=page,
                user=user,
                role=Membership.Role.PORTEUR,
                status=Membership.Status.ACTIVE,
                joined_at=timezone.now(),
            )
            admin_emails.mute_admin_emails(user)
            if not admin_emails.has_admin_access(user):
                # Wagtail subscribes the creator to the admin's comment e-mails.
                PageSubscription.objects.filter(page=page, user=user).update(
                    comment_notifications=False
                )
            publication.submit_for_moderation(page, user)
    except BaseException:
        _discard_stored_image(form.instance)
        raise
    return page


def _discard_stored_image(page):
    """The rolled-back transaction removed the image row; remove its file too."""
    image = getattr(page, "image", None)
    if image is not None and image.file:
        image.file.storage.delete(image.file.name)
