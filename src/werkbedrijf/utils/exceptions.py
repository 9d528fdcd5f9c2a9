"""Exceptions that more than one business area raises: one place, imported by services and plumbing."""


class ConflictError(Exception):
    """Someone else saved the record first (optimistic locking): nothing was written.

    Raised under the row lock of the record (``select_for_update``), so of two saves that expected
    the same version exactly one passes and the other meets this, however close together."""


class DecidedElsewhere(ConflictError):
    """Someone else took a decision on the record first, so the decision this request carries was
    made for a state that is gone: nothing was written.

    A ConflictError the API answers with 409 Conflict (the request conflicts with the record's
    current state) and this message as the detail, where a stale version on a replace answers 412
    (its If-Match no longer matches the resource it replaces). A decision is posted to a
    collection of decisions, whose own state the client never read."""

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message
