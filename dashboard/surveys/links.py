"""Share links: one unguessable token opens one survey response, until it expires or is revoked.

Only the SHA-256 of a token is stored, so a copy of the database cannot open any survey. An
owner link may create and revoke editor links for colleagues; an editor link can read and edit
that survey and nothing else. An administrator (credential checked by the caller) may do what
an owner can for any response.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

import pandas as pd
from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col

from dashboard.common import audit
from dashboard.common.i18n import t
from dashboard.surveys.dates import day
from db.models import Service, SurveyInstrument, SurveyLink, SurveyResponse
from db.models.columns import utcnow

OWNER, EDITOR, ADMIN = "owner", "editor", "admin"
TOKEN_BYTES = 24  # 32 URL-safe characters, 192 bits
MAX_DAYS = 365
_MIN_TOKEN, _MAX_TOKEN = 20, 100


class AccessDenied(PermissionError):
    """The link (or credential) in hand does not allow this; the message says why in words."""


class UnknownLink(AccessDenied):
    """No survey link has this token (or it is not shaped like one): a mistake, or a guess."""


@dataclass(frozen=True)
class Access:
    """What a visitor may do: which response, in which role, and who they are (for records)."""

    response_id: int
    role: str
    who: str
    link_id: int | None = None

    @property
    def can_share(self) -> bool:
        return self.role in (OWNER, ADMIN)

    def require(self, response_id: int) -> None:
        """Refuse any use of this access on a survey other than the one it opens."""
        if response_id != self.response_id:
            raise AccessDenied(t("This link opens a different survey."))

    @classmethod
    def admin(cls, response_id: int, who: str = "administrator") -> Access:
        return cls(response_id=response_id, role=ADMIN, who=who)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def create_link(
    engine: Engine,
    response_id: int,
    role: str,
    label: str,
    created_by: str,
    days: int = 30,
) -> str:
    """Store a new link and return its token: the only time the token exists in the clear."""
    if role not in (OWNER, EDITOR):
        raise ValueError(f"unknown role {role!r}")
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a link lasts 1 to {MAX_DAYS} days")
    label = " ".join(str(label).split())[:120] or (t("Owner") if role == OWNER else t("Colleague"))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with Session(engine) as session:
        session.add(
            SurveyLink(
                response_id=response_id,
                token_hash=hash_token(token),
                role=role,
                label=label,
                created_by=created_by[:120],
                expires_at=utcnow() + timedelta(days=days),
            )
        )
        _audit(session, audit.LINK_MADE, created_by, response_id, role, days=days)
        session.commit()
    return token


def _audit(
    session: Session, action: str, who: str, response_id: int, role: str, **more: object
) -> None:
    """The link's event in the audit trail, in the link's own transaction: the service's
    code, the survey and the role, never the token."""
    found = session.execute(
        select(col(Service.code), col(SurveyInstrument.code))
        .select_from(SurveyResponse)
        .join(Service, col(Service.id) == col(SurveyResponse.service_id))
        .join(SurveyInstrument, col(SurveyInstrument.id) == col(SurveyResponse.instrument_id))
        .where(col(SurveyResponse.id) == response_id)
    ).first()
    service, survey = (found[0], found[1]) if found else ("", "")
    audit.record(session, action, who, {"service": service, "survey": survey, "role": role, **more})


def share(engine: Engine, access: Access, label: str, days: int = 30) -> str:
    """An editor link for a colleague, made by the owner (or an administrator)."""
    if not access.can_share:
        raise AccessDenied(t("Only the survey's owner can share it. Ask them for a link."))
    return create_link(engine, access.response_id, EDITOR, label, access.who, days)


class _Validity(Protocol):
    """What says whether a link still opens its survey (a stored link, or a row of it)."""

    @property
    def revoked_at(self) -> datetime | None: ...
    @property
    def expires_at(self) -> datetime: ...


def _refusal(link: _Validity | None, now: datetime) -> str | None:
    """Why a stored link no longer opens its survey, in words; None while it is good."""
    if link is None:
        return t(
            "This survey link is not valid: check you copied all of it, or ask the"
            " survey's owner for a new one."
        )
    if link.revoked_at is not None:
        return t(
            "This survey link has been withdrawn by the survey's owner. Ask them for a new one."
        )
    expires = _aware(link.expires_at)
    if expires <= now:
        return t(
            "This survey link expired on {date}. Ask the survey's owner for a new one;"
            " nothing saved with it is lost.",
            date=day(expires),
        )
    return None


def resolve(engine: Engine, token: str | None, now: datetime | None = None) -> Access:
    """The access a token gives, or AccessDenied saying why (missing, unknown, expired, revoked);
    UnknownLink when no link has this token."""
    if not token:
        raise AccessDenied(t("This page needs the survey link you were sent."))
    token = token.strip()
    if not _MIN_TOKEN <= len(token) <= _MAX_TOKEN:
        raise UnknownLink(t("This survey link is not valid: check you copied all of it."))
    now = now or utcnow()
    with Session(engine) as session:
        link = session.scalars(
            select(SurveyLink).where(col(SurveyLink.token_hash) == hash_token(token))
        ).first()
        refusal = _refusal(link, now)
        if link is None:
            raise UnknownLink(refusal)
        if refusal:
            raise AccessDenied(refusal)
        session.execute(
            update(SurveyLink).where(col(SurveyLink.id) == link.id).values(last_used_at=now)
        )
        session.commit()
        return Access(response_id=link.response_id, role=link.role, who=link.label, link_id=link.id)


def check_still_valid(connection: Connection, access: Access, now: datetime | None = None) -> None:
    """Inside a write: the link this access came from must still open this survey now (it may
    have been withdrawn or expired since the page opened). An administrator has no link."""
    if access.link_id is None:
        if access.role != ADMIN:
            raise AccessDenied(t("This page needs the survey link you were sent."))
        return
    link = connection.execute(
        select(
            col(SurveyLink.response_id), col(SurveyLink.revoked_at), col(SurveyLink.expires_at)
        ).where(col(SurveyLink.id) == access.link_id)
    ).first()
    refusal = _refusal(link, now or utcnow())
    if refusal:
        raise AccessDenied(refusal)
    if link is not None and link.response_id != access.response_id:
        raise AccessDenied(t("This link opens a different survey."))


def revoke(engine: Engine, access: Access, link_id: int, who: str | None = None) -> None:
    """Withdraw a link of the same survey at once (owner or administrator only); `who` is
    who the audit trail names (the access's own name when not given)."""
    if not access.can_share:
        raise AccessDenied(t("Only the survey's owner can withdraw links."))
    with Session(engine) as session:
        link = session.get(SurveyLink, link_id)
        if link is None or link.response_id != access.response_id:
            raise AccessDenied(t("That link does not belong to this survey."))
        if link.id == access.link_id:
            raise AccessDenied(t("You cannot withdraw the link you are using."))
        if link.revoked_at is None:
            link.revoked_at = utcnow()
            session.add(link)
            _audit(session, audit.LINK_WITHDRAWN, who or access.who, link.response_id, link.role)
            session.commit()


def list_links(engine: Engine, access: Access) -> pd.DataFrame:
    """The survey's links (never their tokens), newest first, with their state in words."""
    if not access.can_share:
        raise AccessDenied(t("Only the survey's owner can see who it is shared with."))
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                col(SurveyLink.id),
                col(SurveyLink.label),
                col(SurveyLink.role),
                col(SurveyLink.created_by),
                col(SurveyLink.created_at),
                col(SurveyLink.expires_at),
                col(SurveyLink.revoked_at),
                col(SurveyLink.last_used_at),
            )
            .where(col(SurveyLink.response_id) == access.response_id)
            .order_by(col(SurveyLink.created_at).desc(), col(SurveyLink.id).desc())
        ).all()
    now = utcnow()
    frame = pd.DataFrame([row._asdict() for row in rows])
    if frame.empty:
        return pd.DataFrame(columns=["id", "label", "role", "state", "expires_at"])
    frame["state"] = [
        "withdrawn"
        if revoked is not None and not pd.isna(revoked)
        else ("expired" if _aware(expires) <= now else "active")
        for revoked, expires in zip(frame["revoked_at"], frame["expires_at"], strict=True)
    ]
    return frame
