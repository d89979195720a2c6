import sys

from tui_reader.cli import main

if __name__ == "__main__":  # worker processes (core.parse_pool) import this module too
    sys.exit(main())
