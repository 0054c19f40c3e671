"""The roles of the web page's accounts: plain names, so the command line offers them without
loading the database layer."""

from __future__ import annotations

ADMIN, REVIEWER, SECRETARY = "admin", "reviewer", "secretary"
ROLES = (ADMIN, REVIEWER, SECRETARY)
