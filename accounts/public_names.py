"""A citizen's public name is shown on many pages kept in the page cache and in fragments
(their comments, the members of an initiative): renaming oneself makes them all stale."""

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.dispatch import receiver

from cms_pages.page_cache import versions


@receiver(pre_save, sender=get_user_model(), dispatch_uid="accounts_public_name_changed")
def public_name_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and "display_name" not in update_fields:
        return  # a login (last_login), a password change: the name stays
    saved = sender.objects.filter(pk=instance.pk).values_list("display_name", flat=True)
    before = saved.first()
    if before is not None and before != instance.display_name:
        versions.bump(versions.SITE)
