"""Site search: Khmer words found inside unspaced text, English by stem, PDFs by content.

- ``text``: text -> terms (Khmer in canonical order, segmented by khmercut; Snowball stemming), query parsing
- ``sources``: what each kind of content contributes, and what is public
- ``index``: writing index rows (one object, or a full rebuild); ``pdf``: PDF text
- ``signals``: keeping the index current on save and delete
- ``query``: matching and ranking on PostgreSQL and SQLite, excerpts with highlights
- ``suggest``: "did you mean", from the index's own vocabulary
- ``results``: one page of results; ``views``: the page at /<lang>/search/
"""
