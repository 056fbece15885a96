"""The YAML parser's own words, said in the reader's language.

libyaml and PyYAML's Python parser word the same problems differently, and their
words change between releases (libyaml 0.2.6 added a nesting limit). Every
problem either of them can report is matched here to a catalogue message; a text
no pattern knows becomes a plain "the parser could not read this", so that a
Chinese reader never sees the parser's English.
"""

from __future__ import annotations

import re

from ..i18n import Message

# (pattern on the problem text, pattern on the context or None, message). First match wins.
_PATTERNS: tuple[tuple[str, str | None, Message], ...] = (
    (r"could not find expected ':'", None, Message("yaml.expected-colon")),
    (r"mapping values are not allowed in this context", None, Message("yaml.mapping-values")),
    (r"mapping values are not allowed here|found unexpected ':'", None, Message("yaml.mapping-values-here")),
    (r"mapping keys are not allowed", None, Message("yaml.mapping-keys")),
    (r"sequence entries are not allowed", None, Message("yaml.sequence-here")),
    (r"did not find expected key", None, Message("yaml.expected-key")),
    (r"expected <block end>", r"block mapping", Message("yaml.expected-key")),
    (r"did not find expected '-' indicator|expected <block end>", None, Message("yaml.expected-dash")),
    (r"cannot start any token", None, Message("yaml.bad-start")),
    (r"expected node content|expected the node content", None, Message("yaml.expected-content")),
    (r"expected ',' or '\]'", None, Message("yaml.expected-comma-bracket")),
    (r"expected ',' or '\}'", None, Message("yaml.expected-comma-brace")),
    (r"found unexpected end of stream", None, Message("yaml.end-of-stream")),
    (r"invalid indentation or unclosed", None, Message("yaml.indentation-or-bracket")),
    (r"unknown escape character", None, Message("yaml.unknown-escape")),
    (
        r"hexdecimal number|hexadecimal numbers|invalid Unicode character escape",
        None,
        Message("yaml.escape-code"),
    ),
    (r"unexpected document (indicator|separator)", None, Message("yaml.document-in-quote")),
    (r"tab character", None, Message("yaml.tab")),
    (r"indentation indicator|chomping", None, Message("yaml.block-indicator")),
    (r"comment or (a )?line break", r"block scalar", Message("yaml.block-indicator")),
    (r"comment or (a )?line break", r"directive", Message("yaml.directive")),
    (r"comment or (a )?line break", None, Message("yaml.expected-line-break")),
    (r"directive|incompatible YAML document", None, Message("yaml.directive")),
    (r".", r"directive", Message("yaml.directive")),
    (r"alphabetic or numeric character", r"anchor|alias", Message("yaml.anchor-name")),
    (r"alias|anchor", None, Message("yaml.alias")),
    (r"tag|URI|UTF-8 octet|'!'|'>'", None, Message("yaml.tag")),
    (r".", r"tag", Message("yaml.tag")),
    (r"<document start>|<stream-start>", None, Message("yaml.document-start")),
    (r"nesting (depth|level)", None, Message("yaml.too-deep")),
    (
        r"special characters|control characters|unacceptable character",
        None,
        Message("yaml.control-character"),
    ),
    (r"input is too long", None, Message("yaml.too-long")),
)
_COMPILED = tuple(
    (re.compile(problem), re.compile(context) if context else None, message)
    for problem, context, message in _PATTERNS
)


def parser_problem(problem: str | None, context: str | None = None) -> Message:
    """The catalogue message for a parser's problem text (and the context it was found in)."""
    problem = problem or ""
    for words, where, message in _COMPILED:
        if words.search(problem) and (where is None or (context and where.search(context))):
            return message
    return Message("yaml.other")
