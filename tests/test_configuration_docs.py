"""docs/configuration.md lists every environment variable the settings read."""

from pathlib import Path

from werkbedrijf.conf.docs import render


def test_configuration_docs_are_current():
    committed = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text()
    assert committed == render(), "run bin/generate-config-docs"
