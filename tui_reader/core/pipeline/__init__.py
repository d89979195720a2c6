"""Work on the whole library: an import (parse in worker processes, store, index), a removal, the seeds.

The one place that combines importers, store and search; may import every core package, never Textual or Rich.
"""
