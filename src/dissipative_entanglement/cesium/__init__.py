"""Cs-133 multi-level model of Sec. IV and App. D-E (Figs. 7 and 8)."""
