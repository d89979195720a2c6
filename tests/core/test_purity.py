"""The core never imports Textual: it must run in scripts, tests and other front ends."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui_reader.core


def core_modules() -> list[str]:
    prefix = tui_reader.core.__name__ + "."
    return [info.name for info in pkgutil.walk_packages(tui_reader.core.__path__, prefix)]


def test_core_imports_without_textual() -> None:
    modules = core_modules()
    assert "tui_reader.core.store.library" in modules and "tui_reader.core.importers.plaintext" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_cli_commands_other_than_open_do_not_load_textual() -> None:
    script = "import sys\nfrom tui_reader import cli\nprint('textual' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_format_names_match_the_registry() -> None:
    from tui_reader.core.importers import FORMAT_NAMES
    from tui_reader.core.importers.registry import IMPORTERS

    assert tuple(importer.name for importer in IMPORTERS) == FORMAT_NAMES


def test_commands_that_import_nothing_do_not_load_the_parsers() -> None:
    script = (
        "import sys\nfrom tui_reader import cli\nprint(sorted(m for m in ('ftfy', 'defusedxml') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_reading_a_library_and_the_users_data_does_not_load_tinydb(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """TinyDB is for writes: the app's start (open the list, read one review, draw the marks) skips it."""
    from tui_reader.core.content.models import Review
    from tui_reader.core.store import Store

    store = Store(tmp_path)
    store.library.add([Review("r1", "Title", "t", ("Body.",))])
    store.user.toggle_bookmark("r1")
    script = (
        "import sys\nfrom pathlib import Path\nfrom tui_reader.core.store import Store\n"
        f"store = Store(Path({str(tmp_path)!r}))\n"
        "assert store.library.summary(0).id == 'r1' and store.library.get_at(0).paragraphs == ('Body.',)\n"
        "assert store.user.snapshot().bookmarked_reviews == {'r1'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'tinydb'))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
