"""The DVO screens, server-rendered, one module per section. Views stay thin: selectors read,
services change, policy decides.

An object outside the user's scope answers 404 (the scoped selectors raise it); an object the user
may see but not change answers 403 (``AccessDenied`` from the policy or a service).
"""
