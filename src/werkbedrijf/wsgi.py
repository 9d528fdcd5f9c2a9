import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkbedrijf.conf.production")
application = get_wsgi_application()


def warm_up() -> int:
    """Import the URLconf and every view it names, as the first request would otherwise do:
    about 0.6 s that a worker now spends when it starts, not while a user waits for its first
    page (the load test's first logins took 620-660 ms; bench/README.md). Returns the number of
    views."""
    from django.urls import URLPattern, get_resolver

    def views(patterns) -> int:
        count = 0
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                count += pattern.callback is not None
            else:
                count += views(pattern.url_patterns)
        return count

    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 (builds the reverse lookup once, as the first reverse())
    return views(resolver.url_patterns)


warm_up()
