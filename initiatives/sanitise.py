"""The description's HTML, cleaned to the tags its editor offers (DESCRIPTION_FEATURES)."""

import html
import re

import nh3

ALLOWED_TAGS = {"h2", "h3", "p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
BLANK_LINES_RE = re.compile(r"\n\s*\n")
BLOCK_START_RE = re.compile(r"<(p|h2|h3|ul|ol)[\s>]", re.IGNORECASE)
BETWEEN_TAGS_RE = re.compile(r">\s+<")
TOP_BLOCK_RE = re.compile(r"<(p|h2|h3|ul|ol)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)
BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
LI_SPLIT_RE = re.compile(r"</li>\s*<li", re.IGNORECASE)
TAG_RE = re.compile(r"(<[^>]*>)")
# After unescaping, what would read back as markup: a tag's start, an entity.
TAG_START_RE = re.compile(r"<(?=[A-Za-z/!?])")
ENTITY_RE = re.compile(r"&(?=#?\w+;)")


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
    """The description as typed: blocks separated by empty lines. A block that is not already
    a heading, list or paragraph becomes a paragraph, its line breaks kept. The result still
    goes through ``clean_description``."""
    blocks = []
    for block in BLANK_LINES_RE.split(text.replace("\r\n", "\n").strip()):
        block = block.strip()
        if not block:
            continue
        if BLOCK_START_RE.match(block):
            blocks.append(BETWEEN_TAGS_RE.sub("><", block))
        else:
            blocks.append("<p>{}</p>".format(block.replace("\n", "<br>")))
    return "".join(blocks)


def editable_text(html):
    """The stored description as the form shows it: paragraphs as plain text separated by an
    empty line, headings and lists as their tags (``wrap_paragraphs`` reads it back). HTML
    that is not a plain sequence of such blocks is shown as it is."""
    if TOP_BLOCK_RE.sub("", html or "").strip():
        return html
    blocks = []
    for match in TOP_BLOCK_RE.finditer(html or ""):
        tag, inner = match.group(1).lower(), match.group(2)
        if tag == "p":
            blocks.append(BR_RE.sub("\n", inner))
        elif tag in ("ul", "ol"):
            items = LI_SPLIT_RE.sub("</li>\n<li", inner)
            blocks.append(f"<{tag}>\n{items}\n</{tag}>")
        else:
            blocks.append(f"<{tag}>{inner}</{tag}>")
    return _unescape_text("\n\n".join(blocks))


def _unescape_text(markup):
    """The text between the tags of ``markup`` as a person types it (« 3 < 5 & co », not
    « 3 &lt; 5 &amp; co »: the form escapes it once more when it shows it), keeping escaped
    only what ``wrap_paragraphs`` and ``clean_description`` would read back as a tag or an
    entity, so that saving the form unchanged stores the same HTML."""
    parts = TAG_RE.split(markup)
    for index in range(0, len(parts), 2):  # even parts: text; odd parts: tags
        text = html.unescape(parts[index])
        text = ENTITY_RE.sub("&amp;", text)
        parts[index] = TAG_START_RE.sub("&lt;", text)
    return "".join(parts)
