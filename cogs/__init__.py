"""Briefbot on Discord: one extension module per feature, plus the pieces they share."""
