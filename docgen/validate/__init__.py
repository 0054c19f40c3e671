"""Stage 3, validation: the rules a Report must pass against its outline before it is rendered."""
