"""Initiatives: citizen pages co-edited by their members, and their membership."""

from .membership import Membership, PorteurVacancy
from .pages import InitiativeIndexPage, InitiativePage, InitiativePageTag

__all__ = [
    "InitiativeIndexPage",
    "InitiativePage",
    "InitiativePageTag",
    "Membership",
    "PorteurVacancy",
]
