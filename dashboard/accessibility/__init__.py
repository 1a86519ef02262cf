"""The accessibility statement page's text."""
