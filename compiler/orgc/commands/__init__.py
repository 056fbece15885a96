"""One module per ``orgc`` command: what it does, called by ``cli.py`` with parsed options."""
