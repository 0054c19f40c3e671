"""Stage 2, the content: a content file parsed into a Report, its section structure, plan phrasing and skeletons."""
