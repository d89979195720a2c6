"""Live sources: Hacker News, Reddit, feeds, WordPress comments and Steam reviews, followed by URL.

A source is an importer fed by HTTP: `harvest` fetches it and reads the answer with the
importers' own mappings (`hackernews`, `reddit`, `steam`; `feeds` and `wordpress` for the
two formats only a site serves), `refresh` merges it into the library as an import does.
`names` reads what the user types, `record` keeps the followed sources in `sources.json`,
`fetch` is the one HTTP client (limits, conditional requests, one-line errors).

Pure core: never imports textual or rich. Modules load on use: the app starts without httpx.
"""
