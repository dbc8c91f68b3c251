"""Allow `python -m generator`."""

from generator.cli import entry

if __name__ == "__main__":  # not when a spawned worker imports it
    entry()
