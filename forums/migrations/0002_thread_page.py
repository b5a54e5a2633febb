"""A thread belongs to one page (``Thread.page``) instead of an enjeu or an initiative.

Each thread keeps its row, its id and so its URL: its page is the enjeu or the initiative it
was in (a specific page's primary key is its ``Page`` id). The way back puts each thread in the
enjeu column when its page is an enjeu, in the initiative column otherwise."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Coalesce


def threads_to_pages(apps, schema_editor):
    Thread = apps.get_model("forums", "Thread")
    Thread.objects.update(page_id=Coalesce(F("enjeu_id"), F("initiative_id")))


def pages_to_threads(apps, schema_editor):
    Thread = apps.get_model("forums", "Thread")
    EnjeuPage = apps.get_model("cms_pages", "EnjeuPage")
    enjeux = EnjeuPage.objects.values("pk")
    Thread.objects.filter(page_id__in=enjeux).update(enjeu_id=F("page_id"), initiative_id=None)
    Thread.objects.exclude(page_id__in=enjeux).update(initiative_id=F("page_id"), enjeu_id=None)


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="thread",
            name="page",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="threads",
                to="wagtailcore.page",
                verbose_name="page",
            ),
        ),
        # The constraints go before the copy, so that the way back restores them once the
        # threads are back in their columns.
        migrations.RemoveConstraint(model_name="thread", name="thread_in_one_forum"),
        migrations.RemoveConstraint(model_name="thread", name="members_only_in_initiatives"),
        migrations.RunPython(threads_to_pages, pages_to_threads, elidable=False),
        migrations.RemoveIndex(model_name="thread", name="forums_thre_enjeu_i_44f163_idx"),
        migrations.RemoveIndex(model_name="thread", name="forums_thre_initiat_e2e312_idx"),
        migrations.RemoveField(model_name="thread", name="enjeu"),
        migrations.RemoveField(model_name="thread", name="initiative"),
        migrations.AlterField(
            model_name="thread",
            name="page",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="threads",
                to="wagtailcore.page",
                verbose_name="page",
            ),
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(
                fields=["page", "-last_activity_at"], name="forums_thre_page_id_977aae_idx"
            ),
        ),
    ]
