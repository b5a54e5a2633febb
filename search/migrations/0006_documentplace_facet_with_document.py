# The territory and enjeu filter reads its documents from the index alone (with the document
# id in it): a filtered search on a territory of 30,000 documents no longer reads their rows.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_document_vectors'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='documentplace',
            name='documentplace_facet',
        ),
        migrations.AddIndex(
            model_name='documentplace',
            index=models.Index(fields=['relation', 'page', 'document'], name='documentplace_facet'),
        ),
    ]
