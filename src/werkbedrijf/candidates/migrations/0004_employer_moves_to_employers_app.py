"""The Employer model now lives in the employers app (see employers/migrations/0001_initial.py,
which renames its table and moves its content type). Only the migration state changes here:
Placement.employer points at employers.Employer, and candidates.Employer is gone. The database
needs nothing: the placements' foreign key refers to the same table, renamed."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0003_employer_search_indexes"),
        ("employers", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="placement",
                    name="employer",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="placements",
                        to="employers.employer",
                    ),
                ),
                migrations.DeleteModel(name="Employer"),
            ],
        ),
    ]
