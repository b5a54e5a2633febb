"""What citizens can report: the registry of reportables.

A plugin describes each model its users may report with a :class:`Reportable` (a subclass
overriding what differs) and registers it in its ``wagtail_hooks.py``::

    @hooks.register(extension_points.REPORTABLE)
    def register_contribution_reports():
        return ContributionReportable()

Its ``urls.py`` then points its report URL at the generic view, naming the reportable by its
model's label::

    path("contributions/<int:pk>/signaler/", moderation.views.report,
         {"reportable": "consultation.contribution"}, name="report")

The generic view (:func:`moderation.views.report`) finds the target through the reportable,
checks the permission, renders the form and files the report
(:func:`moderation.reports.file_report`), which hides the target pending review once
``hide_threshold`` distinct citizens have reported it. The registry is read on every call, so
a reportable registered for a while (``hooks.register_temporarily``) is found.
"""

from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from wagtail import hooks

from cms_pages.extension_points import REPORTABLE


class Reportable:
    """How one model is reported. Subclasses set the attributes and override the methods
    marked as such; every text is a lazy translation."""

    #: The reportable model.
    model = None

    # The report page.
    #: Its title ("Report a contribution").
    title = ""
    #: The paragraph under the title.
    lead = ""
    #: The link back to the target; it may have ``%(name)s`` placeholders, filled (escaped)
    #: by ``get_back_label_values``.
    back_label = ""
    #: The message once the report is stored.
    thanks = ""
    #: The message when the citizen had already reported it.
    already = ""
    #: Keep the report page out of search engines.
    noindex = True
    #: The page (``moderation/report_form.html`` serves everything so far).
    template_name = "moderation/report_form.html"
    #: htmx requests: the form folded in place (``None``: the whole page, and a redirect
    #: once done) …
    inline_template = None
    #: … and the message that replaces it once done.
    done_template = None

    # Hiding pending review.
    #: Distinct citizens with open reports that hide the target pending review (``None``:
    #: never hidden by reports).
    hide_threshold = None

    @property
    def label(self):
        """What it is, in the singular (the moderators' list of reports): the model's
        ``verbose_name`` unless a subclass says otherwise."""
        return self.model._meta.verbose_name

    @property
    def key(self):
        """The name URLs give the generic view: the model's label, ``app.model``."""
        return self.model._meta.label_lower

    # To override.

    def describe(self, target):
        """What the moderators read in their list of reports, in words a person understands
        (« Commentaire de Karim B. dans “Des bus le dimanche” »), never an internal id. The
        default: the kind and the target's text, cut."""
        return _("%(kind)s “%(name)s”") % {
            "kind": capfirst(self.label),
            "name": Truncator(str(target)).chars(80),
        }

    def admin_queryset(self):
        """The targets as the moderators' list of reports loads them, with what
        :meth:`describe` reads (``select_related``), so the list makes a bounded number of
        queries."""
        return self.model._default_manager.all()

    def get_target(self, request, **kwargs):
        """The target named by the URL's ``kwargs`` when ``request.user`` may see it; else
        raise ``Http404``, so nothing reveals it exists."""
        raise NotImplementedError

    def can_report(self, user, target):
        """Whether ``user`` may report ``target`` (else 403)."""
        raise NotImplementedError

    def get_url(self, request, target):
        """Where the target lives: the citizen goes back there once done."""
        return target.get_absolute_url()

    def get_back_url(self, request, target):
        """The report page's "back" and "cancel" links."""
        return self.get_url(request, target)

    def get_back_label_values(self, target):
        """The values of ``back_label``'s placeholders, or ``None`` when it has none."""
        return None

    def quote(self, target):
        """``(title, text)`` shown on the report page so the citizen sees what they report;
        an empty title is left out, the text is cut at 300 characters."""
        return str(target), ""

    def get_form_kwargs(self, target):
        """Extra arguments of :class:`moderation.forms.ReportForm` (``auto_id``, when the
        form may appear several times on a page)."""
        return {}

    def get_context(self, request, target):
        """Extra context of the templates (e.g. what the inline template needs)."""
        return {}

    def lock(self, target):
        """The target as stored now, its row locked until the end of the transaction that
        files a report, so parallel reports are counted one after the other (needed only
        with ``hide_threshold``). May raise ``PermissionDenied``."""
        return target

    def can_hide(self, target):
        """Whether reports may hide ``target`` (the locked row) now, e.g. still published."""
        return self.hide_threshold is not None

    def hide(self, target, reporters):
        """Hide ``target`` (the locked row) pending review: ``reporters`` distinct citizens
        reported it. Log it with :func:`moderation.audit.log`."""
        raise NotImplementedError


def reportables():
    """Every registered reportable, by :attr:`Reportable.key`."""
    found = {}
    for register in hooks.get_hooks(REPORTABLE):
        reportable = register()
        found[reportable.key] = reportable
    return found


def get_reportable(key):
    """The reportable named ``key`` (``app.model``), or ``None``."""
    return reportables().get(key)


def reportable_for(model):
    """The reportable of ``model`` (a model class or instance), or ``None``."""
    return get_reportable(model._meta.label_lower)
