"""All table models, imported here so that SQLModel.metadata knows every table."""

from db.models.audit import AuditEvent
from db.models.dataset import Dataset
from db.models.framework import (
    OecdDimension,
    Standard,
    StandardAssessment,
    Theme,
    ThemeOecd,
    ThemeStandard,
)
from db.models.importing import ImportMapping, ImportRun
from db.models.metric import MetricAnswer
from db.models.organisation import Organisation
from db.models.review_round import ReviewRound, RoundService, RoundServiceTheme, RoundSurvey
from db.models.service import Journey, Service, ServiceChannel, ServiceTheme, ServiceUserType
from db.models.service_type import ServiceType
from db.models.survey import (
    SurveyAnswer,
    SurveyInstrument,
    SurveyLink,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
    SurveySectionProgress,
)
from db.models.user_role import UserRole

__all__ = [
    "AuditEvent",
    "Dataset",
    "ImportMapping",
    "ImportRun",
    "Journey",
    "MetricAnswer",
    "OecdDimension",
    "Organisation",
    "ReviewRound",
    "RoundService",
    "RoundServiceTheme",
    "RoundSurvey",
    "Service",
    "ServiceChannel",
    "ServiceTheme",
    "ServiceType",
    "ServiceUserType",
    "Standard",
    "StandardAssessment",
    "SurveyAnswer",
    "SurveyInstrument",
    "SurveyLink",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveySection",
    "SurveySectionProgress",
    "Theme",
    "ThemeOecd",
    "ThemeStandard",
    "UserRole",
]
