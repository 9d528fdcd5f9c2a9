"""A list of UUIDs in one column: the processed objects of a logged action (models.ProcessedObjects)."""

import json
from uuid import UUID

from django.db import models


def as_uuid(value) -> UUID | None:
    """``value`` as a UUID (None stays None); anything that is not one raises ValueError."""
    return value if value is None or isinstance(value, UUID) else UUID(str(value))


class UUIDListField(models.Field):
    """UUIDs (or None) in order: ``uuid[]`` on PostgreSQL, where a GIN index finds the rows naming
    one; JSON text elsewhere (the embedded SQLite, searched by ``json_each``). Python sees a list
    of ``UUID``."""

    description = "A list of UUIDs"

    def db_type(self, connection):
        return "uuid[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        if isinstance(value, str):
            value = json.loads(value)
        return [as_uuid(v) for v in value]

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return None if value is None else [as_uuid(v) for v in value]
        return [as_uuid(v) for v in json.loads(value)]

    def get_prep_value(self, value):
        return None if value is None else [as_uuid(v) for v in value]

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or connection.vendor == "postgresql":
            return value
        return json.dumps([None if v is None else str(v) for v in value])
