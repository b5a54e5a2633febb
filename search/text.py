"""Plain text of rich text and StreamFields, as a search document holds it: words, no markup.

A StreamField is read from its stored JSON, not from its block values: turning an image block
into its value costs a query per page, and a rebuild reads thousands of pages. Only the blocks
that hold words people write (text, rich text) are read; chooser and choice blocks hold ids and
layout settings (« h2 », « Niveau 2 ») that no visitor searches for."""

from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText, get_text_for_indexing


def rich_text(html):
    """The words of a rich text (HTML) field, tags removed and entities decoded."""
    return get_text_for_indexing(html or "")


def stream_text(stream):
    """The words of a StreamField value, block after block."""
    return join(_raw_text(stream.stream_block, list(stream.raw_data)))


def plain(parts):
    """The words of ``parts``, one a line: plain strings as they are, ``RichText`` values
    (``wagtail.rich_text.RichText``) and StreamField values read as words. How a description
    that cannot import this module (the core's, ``SEARCH_PAGE_DOCUMENTS``) gives its text."""
    if isinstance(parts, str):
        return parts
    return join(*(_part_text(part) for part in parts))


def _part_text(part):
    if isinstance(part, StreamValue):
        return stream_text(part)
    if isinstance(part, RichText):
        return rich_text(part.source)
    return str(part) if part else ""


def join(*parts):
    """The non-empty ``parts`` on one line each."""
    return "\n".join(part for part in parts if part)


def _raw_text(block, raw):
    if raw is None:
        return ""
    if isinstance(block, blocks.StreamBlock):
        return join(
            *(
                _raw_text(block.child_blocks[item["type"]], item.get("value"))
                for item in raw
                if item.get("type") in block.child_blocks
            )
        )
    if isinstance(block, blocks.StructBlock):
        return join(
            *(_raw_text(child, raw.get(name)) for name, child in block.child_blocks.items())
        )
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(raw)
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return str(raw)
    return ""
