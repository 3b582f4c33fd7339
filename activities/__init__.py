"""Temporal activities, one module per generation phase."""
