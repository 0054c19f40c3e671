"""The web page for secretaries: fill, check and download a report (thin over the engine)."""

from .app import create_app

__all__ = ["create_app"]
