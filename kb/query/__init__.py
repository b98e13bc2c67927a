"""Question understanding: a question (or the --where syntax, or a follow-up turn) into a filter expression.

    expression  the typed AND / OR / NOT model (Where) and its --where rendering
    syntax      the --where syntax reader
    lexicon     the words computed from the live registry
    words       the language tables (connectives, cues, units, stop words), Korean and English
    scan, numbers, names, datasets   the recognizers; compose  the operators; typos  did-you-mean
    parse       understand(question, lexicon) -> Understanding
    describe    an expression in words (ko / en)
    followup    a conversation's turns refining one another

Only the expression and the syntax are imported here (kb.schema needs the expression type); the rest on use.
"""

from kb.query.expression import TRUE, And, Cond, Not, Or, Where, all_of, any_of, cond, negate, to_syntax
from kb.query.syntax import parse_where

__all__ = ["Where", "Cond", "And", "Or", "Not", "TRUE", "all_of", "any_of", "cond", "negate", "to_syntax", "parse_where"]
