"""The bad-input corpus gets the same messages from PyYAML's pure parser as from libyaml's.

tests/cli/test_bad_input.py runs the corpus with whichever parser is installed (libyaml where PyYAML has it);
here every case runs again with the pure parser, and the whole error output must be the same byte for byte.
"""

from __future__ import annotations

import pytest

from tests.cli.test_bad_input import ALL, COMMANDS, CORPUS
from toolbox import yamlio


@pytest.fixture(autouse=True)
def _in_corpus(monkeypatch):
    monkeypatch.chdir(CORPUS)


@pytest.mark.skipif(not hasattr(yamlio, "_CLoader"), reason="PyYAML without libyaml: only the pure parser to run")
@pytest.mark.parametrize("kind,path,expected", ALL, ids=[f"{k}:{p}" for k, p, _ in ALL])
def test_the_pure_parser_and_libyaml_say_the_same(run, monkeypatch, kind, path, expected):
    said = {}
    for name, loader in (("libyaml", yamlio._CLoader), ("pure", yamlio._PureLoader)):
        monkeypatch.setattr(yamlio, "_Loader", loader)
        result = run(*COMMANDS[kind](path))
        assert result.exit_code == 2, (name, result.output)
        for text in expected:
            assert text in result.stderr, (name, text, result.stderr)
        said[name] = result.stderr
    assert said["pure"] == said["libyaml"]


def test_the_pure_parser_alone_gives_the_corpus_messages(run, monkeypatch):
    """Where PyYAML has no libyaml, the pure parser is the one used, and must say what the corpus expects."""
    monkeypatch.setattr(yamlio, "_Loader", yamlio._PureLoader)
    for kind, path, expected in ALL:
        result = run(*COMMANDS[kind](path))
        assert result.exit_code == 2, (path, result.output)
        for text in expected:
            assert text in result.stderr, (path, text, result.stderr)
