"""Answers to the generalist survey, as an owner types them, for the tests of several files."""

from __future__ import annotations

from typing import Any

#: Text that would run, or show in bold, if a page let HTML through.
PAYLOAD = "<script>window.__x=1</script><b>bold</b>"
#: A figure, or why there is none, for every metric the generalist survey asks.
FIGURES: dict[str, dict[str, str]] = {
    "users_per_year": {"value": "12,000"},
    "transactions_per_year": {"value": "15000", "availability": "estimated"},
    "digital_take_up": {"value": "64%"},
    "completion_rate": {"availability": "not_collected"},
    "cost_per_transaction": {"value": "£3.40"},
    "user_satisfaction": {"value": "71"},
}
#: Every required answer of the generalist survey except the service's name and summary.
REQUIRED_BUT_NAME_AND_SUMMARY: dict[str, Any] = {
    "service_stage": "long_running",
    "digitisation_level": "2",
    "user_types": ["citizens"],
    **FIGURES,
}
