"""``out/site/``: the organisation as a static website that works from a folder, with no network.

``shell`` frames every page; ``links`` says where each page lives; one module per kind of
page; ``search_index`` writes the index the search box loads; ``tasks`` is what the build runs.
"""
