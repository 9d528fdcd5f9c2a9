"""The password login's authentication backend: Django's, with the session's account read with
its organisation, roles and second factors in one statement (selectors.signed_in_user)."""

from django.contrib.auth.backends import ModelBackend

from .selectors import signed_in_user


class StaffBackend(ModelBackend):
    def get_user(self, user_id):
        user = signed_in_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
