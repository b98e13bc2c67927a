"""timm-kb: a bilingual knowledge base over the live timm registry and the users' notes."""

__version__ = "0.1.0"
