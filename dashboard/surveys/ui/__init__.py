"""The Survey page's Streamlit parts: the form and what surrounds it."""
