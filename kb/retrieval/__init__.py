"""Finding what answers a reading: every weight an expression matches, in order, and the note passages and
sentences that fit the question.

    filters     an expression evaluated over the records (boolean masks over postings and columns)
    rank        the order of matches for each sort key
    lexical     BM25 over stems and morphemes (kiwi for Korean notes at ingest), fusion of rankings
    korean_cut  a question's Korean cut by what kiwi made of the notes at ingest: no kiwi at query time
    glossary    the question's words in the notes' other language
    embed       the multilingual e5 embedder (query and passage vectors)
    extract     the sentence of a passage that answers the question
    index_text  the text each record and passage is indexed and embedded as
"""
