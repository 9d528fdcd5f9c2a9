"""Partial indexes for one consultant's caseload (selectors.consultant_q): the active
trajectories by business consultant and by candidate, and the current assignments by contact
person, each with the key the query needs, so both branches of the consultant's UNION are read
from the indexes alone (bench/caseload.py, "contact person: one consultant")."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('candidates', '0013_instrument_wage_value'),
        ('organisations', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='contactassignment',
            index=models.Index(condition=models.Q(('until__isnull', True)), fields=['contact', 'candidate'], name='contact_current_candidates'),
        ),
        migrations.AddIndex(
            model_name='trajectory',
            index=models.Index(condition=models.Q(('phase__in', ['outflow', 'returned']), _negated=True), fields=['business_consultant', 'id'], name='traj_active_by_consultant'),
        ),
        migrations.AddIndex(
            model_name='trajectory',
            index=models.Index(condition=models.Q(('phase__in', ['outflow', 'returned']), _negated=True), fields=['candidate', 'id'], name='traj_active_by_candidate'),
        ),
    ]
