"""tui_reader: a keyboard-first terminal reader for reviews and their comment threads."""

__version__ = "0.1.0"
