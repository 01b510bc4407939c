"""sco-tui: see how different news outlets framed the same event."""

__version__ = "0.1.0"
