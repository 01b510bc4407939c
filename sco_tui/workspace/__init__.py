"""A corpus and its caches: the articles, the search backend, the stories and their corrections.

The layer above ``corpus``, ``index`` and ``analysis`` that the CLI and the app open; ``index``
imports nothing of it, nor of ``analysis``."""
