"""The demo's development server hides Django's English banner and says in Dutch where it runs."""

from io import StringIO

from werkbedrijf.demo.management.commands import demo_server


def test_the_demo_server_announces_its_address_and_how_to_stop_in_dutch(monkeypatch):
    def serve(self, *args, **options):
        self.stdout.write("Starting development server at http://127.0.0.1:8000/")  # Django's
        self.addr, self.protocol = "127.0.0.1", "http"
        self.on_bind(8000)

    monkeypatch.setattr(demo_server.RunserverCommand, "handle", serve)
    out = StringIO()
    demo_server.Command(stdout=out).handle("127.0.0.1:8000")
    assert out.getvalue() == "De server draait: http://127.0.0.1:8000/  (stoppen: Ctrl+C)\n"
