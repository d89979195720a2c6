"""The marks read the sources file by its name without loading the sources package at start."""

from tui_reader.core.sources import marks, record


def test_the_marks_look_for_the_file_the_sources_write() -> None:
    assert marks.FILE_NAME == record.FILE_NAME
