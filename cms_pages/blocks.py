"""StreamField blocks shared by the page types: one body StreamBlock and its parts."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "cms_pages/blocks/heading.html"
        preview_value = {"text": "Les révoltes et les rêves", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        required=False,
        help_text=_("Describe the image for people who cannot see it; empty if decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms_pages/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"), max_length=600)
    source = blocks.CharBlock(label=_("Source"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "cms_pages/blocks/quote.html"
        preview_value = {
            "text": "Mettre le territoire en mouvement et développer le pouvoir d'agir.",
            "source": "La Coopérative des citoyens",
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), max_length=400, required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)
    label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "cms_pages/blocks/call_to_action.html"
        preview_value = {
            "title": "Participer",
            "text": "Déposez vos révoltes et vos rêves pour votre territoire.",
            "url": "https://example.org/",
            "label": "Je participe",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise ValidationError(
                _("Choose either a page or an external link."),
            )
        return value


class BodyBlock(blocks.StreamBlock):
    """The body of every editorial page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        template="cms_pages/blocks/paragraph.html",
        preview_value="<p>Faire émerger des révoltes et des rêves pour chaque territoire.</p>",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()


class PhaseBlock(blocks.StructBlock):
    """One phase of the programme on the home page."""

    name = blocks.CharBlock(label=_("Name"), max_length=80)
    period = blocks.CharBlock(label=_("Period"), max_length=40)
    summary = blocks.TextBlock(label=_("Summary"), max_length=500)
    deliverables = blocks.ListBlock(
        blocks.CharBlock(max_length=160), label=_("Deliverables"), required=False, min_num=0
    )

    class Meta:
        icon = "date"
        label = _("Phase")
        template = "cms_pages/blocks/phase.html"
        preview_value = {
            "name": "Labourage",
            "period": "2021",
            "summary": "Collecte des révoltes et des rêves sur les cinq territoires.",
            "deliverables": ["Une cartographie révolutionnaire"],
        }
