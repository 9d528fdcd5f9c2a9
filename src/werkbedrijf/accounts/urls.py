from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("tweede-factor/", views.verify_view, name="verify"),
    path("tweede-factor/instellen/", views.setup_totp_view, name="setup_totp"),
    path("uitloggen/", views.logout_view, name="logout"),
]
