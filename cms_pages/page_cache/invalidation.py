"""What makes cached pages stale: Wagtail's page events here, the plugins' changes through
``changed``.

A page published, unpublished, moved or deleted makes its own key and its parent's stale
(the parent lists it), the keys the plugins name for it (``CACHE_KEYS``: the planisphère for
an initiative, the territories and enjeux it is filed under…) and, for the pages every page
shows — the core's pages (territories and enjeux are named and linked everywhere) and those
of the menus — ``site``, which every cached page depends on. A view restriction, a move, a
deletion and an image change make everything stale: they are rare, and their effects reach
every page that links to what changed.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms_pages.extension_points import CACHE_KEYS, objects_changed

from . import versions

# Past this many objects changed at once, everything is made stale rather than each object's
# keys looked up.
MANY = 50
# Depth of the pages of the main navigation: the root's children are the home pages (2),
# theirs are in the menus.
MENU_DEPTH = 3


def keys_for(instance):
    """The version keys the plugins say a change of ``instance`` makes stale."""
    keys = set()
    for fn in hooks.get_hooks(CACHE_KEYS):
        keys.update(fn(instance) or ())
    return keys


def changed(instance, *extra):
    """``instance`` was created, changed or deleted: make what shows it stale."""
    versions.bump(*keys_for(instance), *extra)


def _saved_or_deleted(sender, instance, **kwargs):
    changed(instance)


def _about_to_be_saved(sender, instance, raw=False, **kwargs):
    """What showed the object as the database still holds it: its former territory, its
    former enjeux (a page's relations change when its revision is published)."""
    if instance.pk is not None and not raw:
        before = sender._default_manager.filter(pk=instance.pk).first()
        if before is not None:
            changed(before)


def _relation_changed(sender, instance, reverse, model, pk_set, **kwargs):
    """Before and after the change (``pre_`` and ``post_`` actions): what showed the object
    under its old relations and what shows it under the new ones."""
    if reverse:  # ``instance`` is the other side; ``pk_set`` the watched objects, if known
        changed_many(model, pk_set)
    else:
        changed(instance)


def changed_many(model, pks):
    """Objects of ``model`` changed without a model signal (``objects_changed``): each one's
    keys; everything when they are not known or too many to look at one by one (an
    import)."""
    if pks is None or len(pks) > MANY:
        versions.bump(versions.SITE)
        return
    keys = set()
    for instance in model._default_manager.filter(pk__in=list(pks)):
        keys |= keys_for(instance)
    versions.bump(*keys)


def _objects_changed(sender, pks, **kwargs):
    if sender in WATCHED:
        changed_many(sender, pks)


#: The models a plugin asked the page cache to watch.
WATCHED = set()


def watch(model):
    """Bump the keys of ``model``'s instances (``CACHE_KEYS``) when one is saved (as it was,
    then as it is) or deleted, when one of its many-to-many relations changes, and when
    ``objects_changed`` names some. Deletions are seen before the rows go, while their
    relations can still be read."""
    WATCHED.add(model)
    uid = f"page_cache_{model._meta.label_lower}"
    pre_save.connect(_about_to_be_saved, sender=model, dispatch_uid=f"{uid}_before")
    post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"{uid}_save")
    pre_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"{uid}_delete")
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        m2m_changed.connect(
            _relation_changed,
            sender=through,
            dispatch_uid=f"page_cache_{through._meta.label_lower}",
        )


def page_keys(page):
    keys = {versions.page_key(page.pk)}
    parent_id = page.get_parent().pk if page.depth > 1 else None
    if parent_id:
        keys.add(versions.page_key(parent_id))
    if page.depth <= MENU_DEPTH or type(page)._meta.app_label == "cms_pages":
        keys.add(versions.SITE)
    return keys


def on_page_shown_or_hidden(sender, instance, **kwargs):
    page = instance.specific
    changed(page, *page_keys(page))


def on_everything_changed(sender, **kwargs):
    versions.bump(versions.SITE)


def connect():
    objects_changed.connect(_objects_changed, dispatch_uid="page_cache_objects_changed")
    page_published.connect(on_page_shown_or_hidden, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_page_shown_or_hidden, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(on_everything_changed, dispatch_uid="page_cache_moved")
    post_delete.connect(on_everything_changed, sender=Page, dispatch_uid="page_cache_deleted")
    for model in (PageViewRestriction, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(on_everything_changed, sender=model, dispatch_uid=f"page_cache_{model}")
