"""Connectors for public data sources: each reads one source's own published file (price
databases, benchmark hubs, leaderboards) and hands over its records with provenance
(``advisor.sources.base``). Connectors never write the catalogue; the application layer maps
their names to models (``advisor.sources.identity``) and imports the rows, all or nothing."""
