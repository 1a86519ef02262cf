"""Pieces more than one page uses: the filter, words, charts' theme, exports, i18n, store reads (no Streamlit)."""
