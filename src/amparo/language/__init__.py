"""Languages of documents: gettext catalogs, vocabulary labels, dates and country names.

Shared by drafting, disclosure (descriptions of people) and reporting. The web app has
its own catalogs for its interface (``amparo.web.i18n``).
"""

from amparo.language.i18n import Language, available_languages, check_language, label

__all__ = ["Language", "available_languages", "check_language", "label"]
