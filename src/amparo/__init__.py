"""Amparo."""
