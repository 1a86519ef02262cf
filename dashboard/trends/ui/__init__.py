"""The Trends page's Streamlit sections."""
