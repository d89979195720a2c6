"""An import's default limits, apart from the pipeline: the CLI's options show them, and opening
the reader must not load the pipeline (importers, thread merging, the search index) to parse them."""

MAX_REVIEWS = 200_000
MAX_BYTES = 2 * 2**30  # of files read
