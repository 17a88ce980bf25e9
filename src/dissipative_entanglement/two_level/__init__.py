"""Two-level model of Sec. II-III and App. C (Figs. 3 and 4)."""
