"""``advisor rank``, ``stakeholders``, ``explain`` and ``sensitivity``."""

from __future__ import annotations

import argparse

from advisor.app import estimates, ranking
from advisor.app.profiles import load_profile
from advisor.app.workspace import Workspace
from advisor.cli.format import (
    compare_text,
    explain_text,
    group_text,
    ranking_text,
    sensitivity_text,
)
from advisor.cli.json_output import group_to_dict, print_json, ranking_document
from advisor.domain.errors import AdvisorError

EXIT_OK = 0


def rank(args: argparse.Namespace) -> int:
    profile = load_profile(args.profile, args.missing)
    if args.stakeholder is not None:
        args.stakeholder = args.stakeholder.strip()
        profile = profile.for_stakeholder(args.stakeholder)
    with Workspace.open(args.db, args.snapshot) as workspace:
        rec = workspace.recommend(profile)
    if args.json:
        extra = {}
        if profile.stakeholders:
            extra["weights_of"] = args.stakeholder or f"group ({profile.aggregation.value} mean)"
        print_json(ranking_document(rec, args.top, extra))
    else:
        if profile.stakeholders:
            who = args.stakeholder or f"the group ({profile.aggregation.value} mean)"
            print(f"Weights of {who}; --stakeholder NAME ranks for one of them.")
        print(ranking_text(rec, args.top, args.every_offer))
    return EXIT_OK


def stakeholders(args: argparse.Namespace) -> int:
    profile = load_profile(args.profile, args.missing)
    if not profile.stakeholders:
        raise AdvisorError(
            f"{args.profile} has no stakeholders; add [[stakeholders]] tables "
            "(see docs/scoring.md, Stakeholders) or use the Stakeholders tab in the window."
        )
    if args.top_k is not None and args.top_k < 1:
        raise AdvisorError("--top-k must be at least 1.")
    with Workspace.open(args.db) as workspace:
        session = workspace.session()
    names = ranking.display_names(session.frames)
    from advisor.app import analysis  # imported by the commands that analyse (start-up)

    study = analysis.group_analysis(session.recommend(profile), args.top_k)
    if args.json:
        print_json(group_to_dict(study, profile))
    else:
        print(group_text(study, profile, names))
    return EXIT_OK


def explain(args: argparse.Namespace) -> int:
    profile = load_profile(args.profile, args.missing)
    with Workspace.open(args.db) as workspace:
        rec = workspace.recommend(profile)
    labels = rec.matrix.labels()
    wanted = args.candidate if "@" in args.candidate else f"{args.candidate}@standard"
    if wanted not in labels:
        close = [lab for lab in labels if lab.startswith(args.candidate.split("@")[0])]
        hint = f" Candidates for that model: {', '.join(close)}." if close else ""
        raise AdvisorError(f"No candidate {wanted!r} under this profile; use MODEL_ID@MODE.{hint}")
    row = labels.index(wanted)
    figures = ranking.figures_for(rec, row)
    aside = ranking.set_aside_for(rec, row)
    others = ranking.alternatives_for(rec, row)
    if args.json:
        doc = {"candidate": wanted, "figures": figures, "other_figures": others}
        doc["estimates"] = estimates.estimates_for(rec, row, parameters=True)
        print_json({**doc, "not_counted": aside})
    else:
        print(explain_text(rec, wanted, figures, aside, others))
    return EXIT_OK


def sensitivity(args: argparse.Namespace) -> int:
    profile = load_profile(args.profile, args.missing)
    if args.samples < 1:
        raise AdvisorError("--samples must be at least 1.")
    if args.relative_error is not None and not 0 <= args.relative_error < 1:
        raise AdvisorError(
            f"--relative-error is {args.relative_error:g}; give a share from 0 (figures held "
            "fixed) to below 1, e.g. 0.05 for ±5%, or leave it out to use each figure's own "
            "standard error."
        )
    with Workspace.open(args.db) as workspace:
        rec = workspace.recommend(profile)
    if len(rec.ranking) == 0:
        raise AdvisorError("No candidate passes the hard constraints, so there is nothing to test.")
    from advisor.app import analysis

    study = analysis.sensitivity(
        rec,
        samples=args.samples,
        concentration=None if args.uniform else args.concentration,
        relative_error=args.relative_error,
        seed=args.seed,
    ).as_dict()
    if args.json:
        print_json(study)
    else:
        print(sensitivity_text(study))
    return EXIT_OK


def compare(args: argparse.Namespace) -> int:
    profile = load_profile(args.profile, args.missing)
    with Workspace.open(args.db) as workspace:
        rec = workspace.recommend(profile)
    from advisor.app import uncertainty

    labels = uncertainty.resolve_candidates(rec, args.candidates)
    result = uncertainty.comparison(rec, labels, samples=args.samples, seed=args.seed)
    if args.json:
        print_json({"profile": profile.name, **uncertainty.comparison_to_dict(result)})
    else:
        print(compare_text(rec, result))
    return EXIT_OK
