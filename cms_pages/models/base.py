"""What every page type of the project shares."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class BasePage(Page):
    """A Wagtail page whose slug may not shadow one of the project's own URLs."""

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.slug in settings.RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _(
                        "The slug “%(slug)s” is reserved by the platform; choose another one."
                    )
                    % {"slug": self.slug}
                }
            )
