"""The interactive HTML view: the page, its style (style.json) and its template.

Nothing is imported here: import the module you need, or use ``graph``'s public API.
"""
