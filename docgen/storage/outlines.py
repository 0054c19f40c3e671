"""Outlines imported from an upper level's guidance document and reviewed in the web page (docgen.service.outlines)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .db import Base


class StoredOutline(Base):
    """An outline as YAML text, the guidance file it came from and what the import could not decide."""

    __tablename__ = "stored_outlines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outline_id: Mapped[str] = mapped_column(String(120))  # the outline's own id (the `outline` key of its reports)
    name: Mapped[str] = mapped_column(String(300))
    source_name: Mapped[str] = mapped_column(String(300))  # the uploaded file's name, as shown to people
    text: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="[]")  # the import's findings, as JSON: [{code, message, line}]
    version: Mapped[int] = mapped_column(Integer, default=1)  # saved edits; each save checks the page's version
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
