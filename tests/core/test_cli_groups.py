"""The command line registers each group by name (so a command imports only its own group):
the names it lists must be exactly the commands the group's module defines."""

from __future__ import annotations

from tests.core.process_support import last_line
from tui_reader.cli import COMMAND_GROUPS


def test_every_group_lists_exactly_the_commands_its_module_defines() -> None:
    for group in COMMAND_GROUPS:
        _, table = group.load()
        assert set(table) == set(group.names), group.module


def test_search_does_not_import_the_import_pipeline(tmp_path: object) -> None:
    code = (
        "import sys; from tui_reader.cli import main; main(['--data-dir', sys.argv[1], 'search', 'word']); "
        "print(sorted(m for m in sys.modules if m.startswith(('tui_reader.core.pipeline', 'tui_reader.core.importers',"
        " 'tui_reader.core.personal.export'))))"
    )
    assert last_line(code, str(tmp_path)) == "[]"
