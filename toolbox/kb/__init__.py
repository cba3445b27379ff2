"""The knowledge base: Benner's toolbox as validated data."""

from toolbox.kb.model import KnowledgeBase

__all__ = ["KnowledgeBase"]
