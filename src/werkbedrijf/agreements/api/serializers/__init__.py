"""The shapes of the DVO API: camelCase names, UUIDs for identity, amounts as decimal strings.

Output serializers only read; input serializers check the shape of a request, and the services
check the rules (so the UI and the API refuse the same input with the same message).
"""
