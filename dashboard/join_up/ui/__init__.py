"""The Join up page's Streamlit sections."""
