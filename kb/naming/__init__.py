"""Every way a model name is read, decoded and looked up.

    vocab       the name vocabularies (sizes, datasets, methods, roles), each entry in English and Korean
    parts       what both conventions share: a name part, size / dataset / patch / epoch tokens
    timm        `{arch}.{tag}` names, as the suffix guide teaches
    mmpretrain  `{algorithm}_{module}_{pretrain}_{training}_{data}` names, as MMPretrain's conventions teach
    index       every live name indexed the ways people write it: the one place name lookups happen

`parse_name` reads a name in whichever convention it is written.
"""

from __future__ import annotations

from kb.schema import ParsedName


def parse_name(name: str) -> ParsedName:
    """A timm or an MMPretrain name, whichever convention it is written in."""
    from kb.naming.mmpretrain import detect_convention, parse_mmpretrain_name
    from kb.naming.timm import parse_timm_name

    return parse_mmpretrain_name(name) if detect_convention(name) == "mmpretrain" else parse_timm_name(name)
