"""Stage 1, the outline: the sections a document must have (model, `extends` resolution, diff and lint)."""
