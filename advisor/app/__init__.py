"""The application layer: one module per use case, the only door the faces (CLI, window) use.

- :mod:`~advisor.app.workspace` — the catalogue a face works on (:class:`Workspace`): the
  current one or a snapshot, its facts, row edits, snapshots and bundled-update conflicts.
- :mod:`~advisor.app.ranking` — ranking sessions with their matrix cache, and what a ranking
  shows (figures, set-aside results, old figures, names).
- :mod:`~advisor.app.analysis` — sensitivity, stakeholder, trade-off and what-if studies.
- :mod:`~advisor.app.catalogue_io` — imports, exports, filtered views and listings.
- :mod:`~advisor.app.profiles` — profile files and the bundled examples.
- :mod:`~advisor.app.elicitation` — weights from pairwise comparisons or swing weighting.
- :mod:`~advisor.app.probe` — the live probe: endpoints, keys, targets, runs, stored results.
- :mod:`~advisor.app.report` — rank, run the studies and hand them to :mod:`advisor.report`.
- :mod:`~advisor.app.session` — the Qt-free model of the window's state.

Importing this package imports none of them, so ``advisor --help`` stays fast.
"""
