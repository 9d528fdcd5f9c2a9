"""The Employer model moves here from the candidates app, keeping every row and id.

State: the model is created here and deleted from the candidates app by its migration
0004_employer_moves_to_employers_app, which also points Placement.employer here. Database: nothing
is created or copied; the table candidates_employer is renamed to employers_employer. Its rows,
ids, identity sequence, constraints and indexes (also the trigram index of candidates 0003) go
with it, and the placements' foreign key keeps pointing at it. The content type follows the
model, so admin history and permissions stay attached to it. Reversible.
"""

import uuid

from django.db import migrations, models


def move_content_type(apps, schema_editor, source: str, target: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects
    content_types.using(schema_editor.connection.alias).filter(
        app_label=source, model="employer"
    ).update(app_label=target)


def forwards(apps, schema_editor):
    move_content_type(apps, schema_editor, "candidates", "employers")


def backwards(apps, schema_editor):
    move_content_type(apps, schema_editor, "employers", "candidates")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("candidates", "0003_employer_search_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Employer",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("uuid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        (
                            "kvk_number",
                            models.CharField(max_length=8, unique=True, verbose_name="KvK number"),
                        ),
                        (
                            "sector_group",
                            models.CharField(
                                choices=[
                                    ("grey_green", "Grijs en Groen"),
                                    ("business_services", "Zakelijke dienstverlening"),
                                    ("cleaning", "Schoonmaak"),
                                    ("production_logistics", "Productie, Magazijn en Logistiek"),
                                    ("hospitality_care_retail", "Horeca, Zorg en Verkoop"),
                                    ("construction_ict", "Bouw, ICT, Toezicht en Techniek"),
                                ],
                                max_length=30,
                                verbose_name="sector group",
                            ),
                        ),
                        (
                            "street",
                            models.CharField(blank=True, max_length=200, verbose_name="street"),
                        ),
                        (
                            "house_number",
                            models.CharField(blank=True, max_length=10, verbose_name="house number"),
                        ),
                        (
                            "postcode",
                            models.CharField(blank=True, max_length=6, verbose_name="postcode"),
                        ),
                        ("city", models.CharField(blank=True, max_length=100, verbose_name="city")),
                        (
                            "contact_name",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="contact person"
                            ),
                        ),
                        (
                            "contact_phone",
                            models.CharField(
                                blank=True, max_length=30, verbose_name="contact phone"
                            ),
                        ),
                        (
                            "contact_email",
                            models.EmailField(
                                blank=True, max_length=254, verbose_name="contact e-mail"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "employer",
                        "verbose_name_plural": "employers",
                        "ordering": ["name"],
                        "indexes": [
                            models.Index(fields=["name", "id"], name="cand_employer_name_id")
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("kvk_number__regex", "^[0-9]{8}$")),
                                name="kvk_eight_digits",
                            )
                        ],
                        # The table is still the candidates app's until the next operation.
                        "db_table": "candidates_employer",
                    },
                ),
            ],
        ),
        # The default table name again: renames candidates_employer to employers_employer.
        migrations.AlterModelTable(name="employer", table=None),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
