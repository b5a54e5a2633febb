# The names of the territories and enjeux a document is filed under, searched with its tags.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0003_index_entry_text_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchdocument',
            name='places_names',
            field=models.CharField(blank=True, max_length=1000, verbose_name='names of its territories and enjeux'),
        ),
    ]
