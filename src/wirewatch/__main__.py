"""``python -m wirewatch``: the command line, as the ``wirewatch`` script runs it."""

from wirewatch.cli import main

if __name__ == "__main__":
    main()
