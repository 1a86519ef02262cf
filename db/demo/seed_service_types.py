"""The service type each kind of demo service meets (db/reference/service_types.yaml).

Every template has one: a council's "Report a missed bin collection" is the council type of
that name (LGSL 524), a health board's "Book a GP appointment" the health type, and needs that
cross sectors share one type (the Welsh Government's grants portal, an arm's-length body's arts
funding and a charity's community grants are all "Apply for a grant"). Some demo services are
then left with no type recorded (`db.demo.not_recorded`), as real catalogues have.
"""

from __future__ import annotations

TEMPLATE_TYPES: dict[str, str] = {
    # local authority
    "council-tax-account": "council-tax",
    "housing-benefit-ctr": "housing-benefit",
    "business-rates": "business-rates",
    "school-admissions": "school-place",
    "free-school-meals": "free-school-meals",
    "school-transport": "school-transport",
    "housing-register": "council-housing",
    "homelessness-advice": "homelessness",
    "repairs-council-home": "council-home-repair",
    "planning-application": "planning-permission",
    "building-control": "building-regulations",
    "missed-bin": "missed-bin",
    "bulky-waste": "bulky-waste",
    "garden-waste": "garden-waste",
    "pothole-report": "pothole",
    "fly-tipping": "fly-tipping",
    "adult-social-care": "adult-social-care-assessment",
    "childrens-services": "childrens-services",
    "blue-badge": "blue-badge",
    "library-membership": "library-membership",
    "parking-permit": "parking-permit",
    "parking-fine": "parking-fine",
    "licensing": "licence",
    "register-birth": "register-birth",
    "food-hygiene": "food-business",
    "noise-complaint": "noise-nuisance",
    "leisure-booking": "leisure-booking",
    # health
    "planned-care-referral": "health-specialist-referral",
    "gp-appointment": "health-gp-appointment",
    "repeat-prescription": "health-repeat-prescription",
    "mental-health-support": "health-mental-health",
    "maternity-booking": "health-maternity",
    "physio-self-referral": "health-therapy-self-referral",
    "outpatient-letters": "health-appointment-letters",
    "continuing-healthcare": "health-continuing-healthcare",
    "ambulance-non-emergency": "health-patient-transport",
    "screening-invitations": "health-screening",
    "cancer-support": "health-cancer-support",
    "nhs-app-records": "health-record",
    "workforce-training": "health-education-training",
    "health-professional-portal": "health-professional-records",
    # central government
    "land-transaction-tax": "central-tax-return",
    "landfill-disposals-tax": "central-tax-return",
    "tax-enquiries": "central-tax-enquiry",
    "rural-payments": "central-farm-support",
    "business-wales-support": "central-business-support",
    "grants-portal": "central-grant",
    "fuel-support": "central-financial-support",
    "discretionary-assistance": "central-financial-support",
    "childcare-offer": "central-childcare",
    "consultations": "central-consultation",
    "teacher-services": "central-education-funding",
    # arm's-length bodies
    "fishing-licence": "central-licence-permit",
    "environmental-permit": "central-licence-permit",
    "flood-warnings": "central-alerts",
    "arts-grants": "central-grant",
    "careers-advice": "central-careers-advice",
    "workforce-register": "central-professional-register",
    "qualification-appeals": "central-qualifications",
    "collections-online": "central-collections",
    "venue-booking": "central-book-visit",
    "travel-tickets": "central-travel-tickets",
    "concessionary-pass": "central-travel-pass",
    "student-funding": "central-education-funding",
    # third sector
    "advice-line": "central-advice",
    "benefits-check": "central-benefits-check",
    "volunteering": "central-volunteering",
    "carer-support": "central-carer-support",
    "helpline": "central-helpline",
    "community-grants": "central-grant",
    "housing-advice-third": "central-advice",
    "training-courses": "central-book-visit",
}
