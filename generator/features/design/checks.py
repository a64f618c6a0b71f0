"""Checks on the designer's presets."""

from __future__ import annotations

from collections.abc import Iterator

from ...core.errors import DataError, did_you_mean
from ...core.read import KnowledgeBase
from ...core.settings import Settings
from .evaluate import evaluate


def run(kb: KnowledgeBase, settings: Settings) -> Iterator[DataError]:
    """Each preset names a known option of the right category for every category, and breaks
    no rule: a preset is a design we recommend."""
    cats = kb.categories
    for preset in kb.presets:
        o = kb.origin("preset", preset.id)
        valid = True
        for cat_id, opt_id in preset.choices.items():
            if cat_id not in cats:
                valid = False
                yield DataError(o.key_at("choices", cat_id), f"unknown category '{cat_id}'{did_you_mean(cat_id, cats)}")
                continue
            opt = kb.options.get(opt_id)
            in_cat = [x.id for x in kb.options_in(cat_id)]
            if opt is None:
                valid = False
                yield DataError(
                    o.at("choices", cat_id), f"unknown option '{opt_id}'{did_you_mean(opt_id, in_cat or kb.options)}"
                )
            elif opt.category != cat_id:
                valid = False
                yield DataError(
                    o.at("choices", cat_id),
                    f"option '{opt_id}' belongs to category '{opt.category}', not "
                    f"'{cat_id}'{did_you_mean(opt_id, in_cat)}",
                )
        for cat_id in cats:
            if cat_id not in preset.choices:
                valid = False
                yield DataError(o.at("choices"), f"preset '{preset.id}' has no choice for category '{cat_id}'")
        if not valid:
            continue
        for f in evaluate(kb, preset.choices):
            if f["severity"] == "error":
                where = o.at("choices", kb.options[f["a"]].category)
                yield DataError(where, f"preset '{preset.id}' breaks rule '{f['rule']}': {f['text']}")
