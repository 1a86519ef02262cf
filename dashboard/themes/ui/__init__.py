"""The Challenges and aims page's Streamlit parts."""
