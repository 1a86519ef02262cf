"""Runtime settings read from the environment (and a .env file): where the data lives, credentials."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"


def default_database_url() -> str:
    return f"sqlite:///{DEFAULT_DATA_DIR / 'landscape.sqlite3'}"


class Settings(BaseSettings):
    """`DATABASE_URL` selects the store; the default is a SQLite file in the git-ignored data/."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = default_database_url()
    #: Credential for import and admin pages; unset means those pages stay locked.
    landscape_admin_token: SecretStr | None = None
    #: Where people write about accessibility problems (an email address or a team), shown
    #: in the accessibility statement.
    landscape_accessibility_contact: str | None = None
    #: Chromium used for chart PNGs; unset means the one on PATH (Debian: /usr/bin/chromium).
    landscape_chromium: str | None = None
    #: Where people open the app, e.g. https://landscape.example.gov.wales: the start of the
    #: survey links `landscape survey link` prints (its --base-url wins).
    landscape_public_url: str = "http://localhost:8501"
    #: The header a reverse proxy in front of the app sets to the client's address (X-Real-IP),
    #: for the limits on guessing; set only when every request comes through that proxy.
    landscape_client_address_header: str | None = None
    #: Seconds of processor time reading one workbook may take (in a process of its own,
    #: `dashboard/importing/read_worker.py`); a workbook that takes longer is refused in
    #: words. The largest accepted workbook takes about 10 (bench/upload_bounds.py).
    landscape_read_cpu_seconds: int = Field(default=30, ge=1, le=3600)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
