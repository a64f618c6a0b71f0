"""The data core: strict YAML, the typed model, reading a data folder, the cross-file checks and
the vocabulary. It knows nothing of Jinja, URLs, Markdown or MkDocs; every other layer builds on
it and nothing here imports from them."""
