"""Refresh the ``knowledge`` catalog's template from the knowledge base and guidance's sentences.

``python -m amparo.service.knowledge_catalog`` (``make knowledge-messages``) writes
``locale/knowledge.pot`` and adds the new messages, untranslated, to every language's
``knowledge.po``; the catalog test (tests/language/test_knowledge_catalog.py) then lists
what is left to translate. Lives in the service layer because it reads both the
knowledge base (the package's, not a vault's own entries) and guidance.
"""

from __future__ import annotations

from amparo.guidance.sentences import plan_sentences
from amparo.knowledge import load
from amparo.language.knowledge_text import URGENT_PARTS, knowledge_texts, write_template


def knowledge_messages() -> list[str]:
    """Every message of the ``knowledge`` domain: the base's texts, then guidance's sentences."""
    kb = load()
    return list(dict.fromkeys([*knowledge_texts(kb.avenues, kb.precedents), *plan_sentences(), URGENT_PARTS]))


def main() -> None:
    """Write the template and bring the catalogs in line; say how many messages there are."""
    count = write_template(knowledge_messages())
    print(f"knowledge.pot: {count} messages")


if __name__ == "__main__":
    main()
