"""Surveys of service owners, completed in stages and shared within a team (no Streamlit here).

- `instrument`: the generalist and technology instruments as read from the database.
- `answers`: turns what an owner typed into a typed answer, or a message for the field.
- `progress`: which sections are complete, what is still required before submitting.
- `links`: share links (token shown once, stored as a hash, expiring, revocable).
- `responses`: open, save (version-checked, all or nothing) and submit a response.
- `writeback`: a submitted generalist survey updates the catalogue every page reads.
- `document`: a blank or filled survey as a PDF to prepare answers offline.
"""
