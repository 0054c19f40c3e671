"""Stage 4, rendering: the template context, the docxtpl engine, .docx packing, PDF conversion and template checks."""
