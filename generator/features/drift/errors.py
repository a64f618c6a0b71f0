"""The one error drift raises: input it cannot work with at all (exit 2 on the command line).

Everything else it finds (an unmappable source, a changed page, a release-note entry) is a
finding for a maintainer, reported with the rest, never raised.
"""

from __future__ import annotations


class UnusableInput(Exception):
    """A ``--docs`` folder that is missing, not a git checkout or not a Learn docs repository, or
    a release-notes file that cannot be read: the run would say nothing true, so it stops."""
