"""The People and roles table read and written: who holds which role (no Streamlit).

Used by the Data page's People and roles tab and by `landscape roles`. Each change is one
transaction; a bad address or role is refused in words and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import select

from dashboard.common import audit
from dashboard.common.i18n import t
from dashboard.common.roles import GIVEN_ROLES, RoleProblem, normalise_email, parse_role
from db.engine import get_session, write_session
from db.models import UserRole
from db.models.columns import utcnow


@dataclass(frozen=True)
class Person:
    email: str
    role: str
    updated_at: datetime
    updated_by: str | None


def list_people(engine: Engine | None = None) -> list[Person]:
    """Everyone in the table, by address."""
    with get_session(engine) as session:
        rows = session.exec(select(UserRole).order_by(UserRole.email)).all()
        return [Person(row.email, row.role, row.updated_at, row.updated_by) for row in rows]


def role_of(email: str | None, engine: Engine | None = None) -> str | None:
    """The role the table gives this address (None: not in the table)."""
    if not email:
        return None
    try:
        key = normalise_email(email)
    except RoleProblem:
        return None
    with get_session(engine) as session:
        row = session.get(UserRole, key)
        return row.role if row else None


def set_role(email: str, role: str, by: str | None, engine: Engine | None = None) -> Person:
    """Give `email` the role `role` (replacing any they had); refuse a bad address or role."""
    key = normalise_email(email)
    code = parse_role(role)
    if code not in GIVEN_ROLES:
        raise RoleProblem(
            t(
                "Everyone may view: a viewer needs no entry. Remove the person instead, or give"
                " one of: {roles}.",
                roles=", ".join(GIVEN_ROLES),
            )
        )
    with write_session(engine) as session:
        row = session.get(UserRole, key)
        before = row.role if row else None
        if row is None:
            row = UserRole(email=key, role=code)
        row.role, row.updated_at, row.updated_by = code, utcnow(), (by or None)
        session.add(row)
        # in the same transaction: no change without its event, no event without its change
        audit.record(session, audit.ROLE_CHANGED, by or "?", _change(key, before, code))
        person = Person(key, code, row.updated_at, row.updated_by)
    return person


def remove_person(email: str, engine: Engine | None = None, *, by: str | None = None) -> bool:
    """Take `email` out of the table; False when they were not in it."""
    key = normalise_email(email)
    with write_session(engine) as session:
        row = session.get(UserRole, key)
        if row is None:
            return False
        audit.record(session, audit.ROLE_CHANGED, by or "?", _change(key, row.role, None))
        session.delete(row)
    return True


def _change(email: str, before: str | None, after: str | None) -> dict[str, object]:
    return {"person": email, "before": before, "after": after}
