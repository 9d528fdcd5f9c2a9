from django.urls import path

from . import oidc, views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("tweede-factor/", views.verify_view, name="verify"),
    path("tweede-factor/instellen/", views.setup_totp_view, name="setup_totp"),
    path("uitloggen/", views.logout_view, name="logout"),
    # Single sign-on (answers 404 unless OIDC_ENABLED).
    path("organisatie-account/", oidc.start_view, name="sso_start"),
    path("organisatie-account/terug/", oidc.CallbackView.as_view(), name="oidc_callback"),
]
