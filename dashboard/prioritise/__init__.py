"""The Prioritise page's core: the priority score, the ranking, improvement areas, reach."""
