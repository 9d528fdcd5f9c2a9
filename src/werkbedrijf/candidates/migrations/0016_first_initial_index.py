"""The candidates' index on (upper-case initial of the first name, last name, id, first name): the
first-name matches of a caseload name prefix are read from it in page order, from the index alone,
and stop after a page (selectors._page_ids). At 1,000,000 candidates the prefix 'Jo' took 192-250
ms, sorting every match; with this index 27-34 ms (bench/README.md, "sixth session")."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('candidates', '0015_record_municipality'),
        ('organisations', '0001_initial'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='candidate',
            index=models.Index(django.db.models.functions.text.Upper(django.db.models.functions.text.Left('first_name', 1)), models.F('last_name'), models.F('id'), models.F('first_name'), name='cand_initial_last_name'),
        ),
    ]
