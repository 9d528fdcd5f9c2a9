"""For tests of data migrations: take the test database to a migration and back."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets, state_at):
    """Migrate the test database to ``targets``; the historical models as of ``state_at``."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(state_at).apps


def latest():
    """Every app's last migration."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
