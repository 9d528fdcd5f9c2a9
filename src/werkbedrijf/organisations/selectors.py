"""Reading organisations, within what the acting user may see (see access.policy)."""

from django.http import Http404

from werkbedrijf.access import policy

from .models import Organisation


def organisations_for(user):
    return policy.organisation_scope(user, Organisation.objects.select_related("region"))


def get_organisation(user, uuid) -> Organisation:
    try:
        return organisations_for(user).get(uuid=uuid)
    except (Organisation.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
