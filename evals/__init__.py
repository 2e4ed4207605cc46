"""factlint's evaluation: a labelled corpus of news articles, a scorer, and the modes that run the checker on it.

``python -m evals --mode oracle|offline|llm|replay`` prints a table and writes JSON; see ``evals/README.md``.
"""
