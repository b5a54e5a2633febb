"""Background tasks of the accounts."""

from django_tasks import task

from .data_export import build_export


@task()
def prepare_data_export(export_id):
    """Prepare one data export and e-mail its owner (a failure marks it failed, never
    raises)."""
    return build_export(export_id)
