"""What a request may do, as plain functions: accounts, permissions (checked here once), rounds,
the workflow of a report, the reviewer's dashboard and exports. No web framework inside: the web
blueprints and the command line both call these, over docgen.storage and docgen.pipeline."""
