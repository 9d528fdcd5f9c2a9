"""The candidate API views: thin. Look up by UUID within the user's scope (else 404), check the
request's shape, call the service or selector, and answer. Rules live in candidates.services and
candidates.policies; who may do what in access.policy."""
