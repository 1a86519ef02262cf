"""People and roles: the role an administrator gave a person, by their e-mail address."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from db.models.columns import TableModel, one_of, utcnow

#: The roles the table may hold (a viewer needs no entry); dashboard.common.roles.GIVEN_ROLES.
USER_ROLES = ("data_steward", "survey_coordinator", "administrator")


class UserRole(TableModel, table=True):
    """One person's role, given by an administrator (on the Data page or `landscape roles`)."""

    __tablename__ = "user_role"
    __table_args__ = (one_of("role", USER_ROLES, "ck_user_role_role"),)

    #: Trimmed and in lower case, as the identity token's `email` is compared.
    email: str = Field(max_length=320, primary_key=True)
    role: str = Field(max_length=40)
    updated_at: datetime = Field(default_factory=utcnow)
    #: Who gave the role (an e-mail address, "administrator credential" or "command line").
    updated_by: str | None = Field(default=None, max_length=320)
