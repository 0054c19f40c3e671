"""Foundations used by every stage: findings and errors, YAML reading, Vietnamese text, the official formats' facts, atomic writes."""
