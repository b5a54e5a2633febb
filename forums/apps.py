from django.utils.translation import gettext_lazy as _

from cms_pages import plugins


class ForumsConfig(plugins.PluginConfig):
    name = "forums"
    verbose_name = _("Discussions")
    plugin_apps = ("django_comments_xtd", "django_comments")
    urls = "forums.urls"
