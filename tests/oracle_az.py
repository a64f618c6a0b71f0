"""Run many az commands through azure-cli's own parser in one process (tests/test_oracles.py).

``python tests/oracle_az.py CASES.json``: CASES is a list of argument lists (without the leading
``az``); prints a JSON list of ``[exit code, output]``. AZURE_CONFIG_DIR must point at an empty
folder: without an account every valid command stops at "Please run 'az login'", before any
network call, while a bad flag or value fails earlier. One process loads azure-cli once, which
is many times faster than one ``az`` per command.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import sys


def main() -> None:
    from azure.cli.core import get_default_cli

    results = []
    for args in json.loads(open(sys.argv[1], encoding="utf-8").read()):
        out = io.StringIO()
        with contextlib.redirect_stderr(out), contextlib.redirect_stdout(out):
            try:
                code = get_default_cli().invoke(args, out_file=out)
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 1
        for logger in (logging.getLogger(), logging.getLogger("cli")):
            logger.handlers.clear()
        results.append([code, out.getvalue()])
    sys.stdout.write(json.dumps(results))


if __name__ == "__main__":
    main()
