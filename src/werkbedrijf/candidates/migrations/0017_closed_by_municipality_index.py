"""The trajectories' partial index on (municipality, closed_on) with the phase, for the closed
phases: the start page's outflow and returned of a municipality in the last quarter are read from
it alone (start.selectors._people_counts), instead of visiting every trajectory closed in the
quarter in the whole region (bench/README.md, "The policy adviser's start page")."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('candidates', '0016_first_initial_index'),
        ('organisations', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='trajectory',
            index=models.Index(condition=models.Q(('phase__in', ['outflow', 'returned'])), fields=['municipality', 'closed_on'], include=('phase',), name='traj_closed_by_municipality'),
        ),
    ]
