"""Side capability: roll-up for the level above (completeness table, indicators side by side, draft report)."""
