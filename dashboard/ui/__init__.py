"""Streamlit helpers shared by the pages: cached data access, store checks, common blocks."""
