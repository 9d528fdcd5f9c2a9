"""Exceptions that more than one business area raises: one place, imported by services and plumbing."""


class ConflictError(Exception):
    """Someone else saved the record first (optimistic locking): nothing was written.

    Raised under the row lock of the record (``select_for_update``), so of two saves that expected
    the same version exactly one passes and the other meets this, however close together."""
