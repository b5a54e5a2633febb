"""``{% fragment %}``: a part of a template kept for every visitor until what it shows changes.

    {% load fragment_cache %}
    {% fragment "territory-list" "site" page.pk|page_key vary request.path %}
      … HTML that is the same for everybody …
    {% endfragment %}

The first argument names the fragment; the next ones are the version keys it depends on
(``cms_pages.page_cache.versions``: a bump of any of them renders it anew); after ``vary``,
values that make other copies of it (a path, a filter…). Language and release are always
part of the key (``cms_pages.fragments``). Inside, nothing of the viewer: no name, no
permission, no form with a CSRF token (such a rendering is not stored).
"""

from django import template
from django.utils.safestring import mark_safe

from cms_pages import fragments
from cms_pages.page_cache.versions import page_key as version_page_key

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, keys, vary):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys
        self.vary = vary

    def render(self, context):
        name = self.name.resolve(context)
        keys = [key.resolve(context) for key in self.keys]
        vary = [value.resolve(context) for value in self.vary]
        html = fragments.cached(
            f"tpl:{name}",
            [key for key in keys if key],
            lambda: str(self.nodelist.render(context)),
            vary=vary,
            request=context.get("request"),
            keep=fragments.shared_html,
        )
        return mark_safe(html)  # noqa: S308 - the template's own rendering, escaped by it


@register.tag
def fragment(parser, token):
    """``{% fragment "name" key… [vary value…] %}…{% endfragment %}``."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    if "vary" in bits:
        at = bits.index("vary")
        keys, vary = bits[1:at], bits[at + 1 :]
    else:
        keys, vary = bits[1:], []
    if not keys:
        raise template.TemplateSyntaxError(
            '{% fragment %} needs the version keys of what it shows ("site"…).'
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[0]),
        [parser.compile_filter(bit) for bit in keys],
        [parser.compile_filter(bit) for bit in vary],
    )


@register.filter
def page_key(page_id):
    """The version key of a page and of what is filed under it: ``page:<id>``."""
    return version_page_key(page_id)
