"""The Technology landscape page's Streamlit parts."""
