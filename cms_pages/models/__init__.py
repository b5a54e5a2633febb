"""Page types edited in the Wagtail admin."""

from .enjeux import EnjeuIndexPage, EnjeuPage, EnjeuPageTag
from .events import EventIndexPage, EventPage
from .home import HomePage
from .standard import StandardPage
from .territories import Commune, TerritoryIndexPage, TerritoryPage

__all__ = [
    "Commune",
    "EnjeuIndexPage",
    "EnjeuPage",
    "EnjeuPageTag",
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "StandardPage",
    "TerritoryIndexPage",
    "TerritoryPage",
]
