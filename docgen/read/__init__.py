"""Side capability: reading hand-written .docx/.txt reports back into a Report and checking their format."""
