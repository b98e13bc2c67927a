"""Turning what was found into what a person reads.

    ask       `Searcher`: a question (or a conversation turn) answered over one opened index
    text      the answer's paragraph in the question's language
    quotes    which note sentences an answer quotes
    relax     why each weight matched; the nearest relaxations when nothing did
    compare   two to four weights side by side
    explain   a name part by part, with its weight's facts
    schema    the answer types: the `kb query --json` contract
"""
