"""The Challenges and aims page's core: theme tables, the national-scale index, charts."""
