"""The help's import guide names every format the importer knows."""

from __future__ import annotations

from tui_reader.core.importers import FORMAT_NAMES
from tui_reader.core.importers.guide import SITE_GUIDES


def test_every_registered_format_has_a_row_in_the_import_guide() -> None:
    """`--format blogger` and the README knew Blogger; the `?` guide did not mention it."""
    covered = [name for guide in SITE_GUIDES for name in guide.formats]
    assert sorted(covered) == sorted(FORMAT_NAMES)  # each once, none unknown
    assert any(guide.site == "Blogger" for guide in SITE_GUIDES if "blogger" in guide.formats)


def test_each_row_says_where_to_get_the_file_and_the_command() -> None:
    for guide in SITE_GUIDES:
        assert guide.site and guide.download and guide.command.startswith("tui-reader import "), guide.site
