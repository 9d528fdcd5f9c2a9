"""The DVO API views: thin. Find the record through a scoped selector (else 404), check the
request's shape, call the service, answer. Rules live in agreements.services and .policies; who
may do what in access.policy."""
