"""The municipality of the trajectory on the records under it (journey steps, activities,
placements, instruments, sanction signals): filled and kept by the triggers of reporting 0012 on
PostgreSQL, for the indicators of one municipality."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('candidates', '0014_caseload_consultant_indexes'),
        ('organisations', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='activity',
            name='municipality',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation'),
        ),
        migrations.AddField(
            model_name='instrument',
            name='municipality',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation'),
        ),
        migrations.AddField(
            model_name='journeystep',
            name='municipality',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation'),
        ),
        migrations.AddField(
            model_name='placement',
            name='municipality',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation'),
        ),
        migrations.AddField(
            model_name='sanctionsignal',
            name='municipality',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation'),
        ),
    ]
