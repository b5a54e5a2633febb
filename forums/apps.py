from django.utils.translation import gettext_lazy as _

from cms_pages import plugins


class ForumsConfig(plugins.PluginConfig):
    name = "forums"
    verbose_name = _("Discussions")
    plugin_apps = ("django_comments_xtd", "django_comments")
    urls = "forums.urls"

    def ready(self):
        super().ready()
        from django_comments.models import CommentFlag  # noqa: PLC0415

        from cms_pages.page_cache import invalidation  # noqa: PLC0415

        from .models import Comment, Thread  # noqa: PLC0415

        for model in (Thread, Comment, CommentFlag):
            invalidation.watch(model)
