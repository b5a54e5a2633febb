"""The description's HTML, cleaned to the tags its editor offers (DESCRIPTION_FEATURES)."""

import re

import nh3

ALLOWED_TAGS = {"h2", "h3", "p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
BLOCK_TAG_RE = re.compile(r"<(p|h2|h3|ul|ol)[\s>]", re.IGNORECASE)


def clean_description(html):
    """Keep headings, bold, italic, lists and links (http, https, mailto) and drop the rest:
    scripts, event handlers, styles, ``javascript:`` and ``data:`` URLs."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def wrap_paragraphs(text):
    """Text typed without block tags: paragraphs at empty lines, line breaks kept. The result
    still goes through ``clean_description``."""
    if BLOCK_TAG_RE.search(text):
        return text
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join("<p>{}</p>".format(p.replace("\n", "<br>")) for p in paragraphs)
