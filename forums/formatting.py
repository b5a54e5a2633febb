"""Light formatting of messages: citizens type plain text with a few Markdown marks (**bold**,
*italic*, [links](https://…), lists, > quotes); markdown-it renders them with raw HTML and images
switched off, then nh3 keeps only the tags below, so the stored HTML is safe wherever it is shown
(pages, e-mails). Links get ``rel="nofollow ugc noopener"`` and only web and mail addresses."""

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_markdown = MarkdownIt(
    "zero", {"html": False, "linkify": True, "breaks": True, "typographer": False}
).enable(["emphasis", "link", "linkify", "newline", "list", "blockquote", "backticks"])
# A link in the text is counted once, whether typed bare or in [text](address) form.
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def render_message(text):
    """The HTML of a message typed by a citizen, sanitised."""
    html = _markdown.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    ).strip()


def count_links(text):
    """How many web addresses a message holds (new accounts posting several are held)."""
    return len(_URL.findall(text or ""))
