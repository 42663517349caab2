"""The one place the monitor leans on Python's regex internals, and why.

The rule pack's literal prefilter (rules.py: the literals every match must contain) and the
Hyperscan translator (hyperscan_match.py: each pattern rewritten for Hyperscan's syntax) both need a
pattern's parse tree. Python has no public regex parser; `re._parser` and `re._constants` are the
ones `re` itself uses (`sre_parse` / `sre_constants` before 3.11, deprecated aliases now). Writing
our own parser for the RE2/Python subset the pack uses would be a second, subtly different reading
of every pattern; using `re`'s own keeps the prefilter exactly faithful to what `re` matches.

The price: private modules may change between Python versions. The project pins Python 3.11
(pyproject `requires-python`), and the tests that compare prefilter and Hyperscan results with
plain `re` matching over every rule example (tests/monitor/test_rule_pack.py,
tests/monitor/test_hyperscan_match.py) fail loudly if the tree shape changes. Revisit on a Python upgrade.
"""

from __future__ import annotations

import re._constants as constants
import re._parser as parser

__all__ = ["constants", "parser"]
