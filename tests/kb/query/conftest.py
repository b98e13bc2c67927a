import pytest


@pytest.fixture(scope="session")
def lexicon(registry_records):
    from kb.query.lexicon import Lexicon

    return Lexicon.from_records(registry_records)
