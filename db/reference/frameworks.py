"""The Digital Service Standards for Wales, the OECD dimensions and the challenge and opportunity themes."""

from __future__ import annotations

from dataclasses import dataclass, field

from db.vocabulary import THEME_CATEGORIES, THEME_KINDS, Sector, codes


@dataclass(frozen=True)
class StandardSeed:
    """One of the 12 Digital Service Standards for Wales."""

    number: int  # 1..12
    group: str  # a code from STANDARD_GROUPS
    name_en: str
    name_cy: str
    summary_en: str  # one sentence: what meeting the standard looks like
    summary_cy: str


@dataclass(frozen=True)
class OecdDimensionSeed:
    """One of the six dimensions of the OECD Digital Government Policy Framework."""

    code: str
    name_en: str
    name_cy: str
    summary_en: str
    summary_cy: str


@dataclass(frozen=True)
class ThemeSeed:
    """A challenge or opportunity theme, mapped to standards, OECD dimensions and sectors."""

    code: str  # stable slug
    kind: str  # "challenge" | "opportunity"
    category: str  # a code from vocabulary.THEME_CATEGORIES
    name_en: str
    name_cy: str
    description_en: str
    description_cy: str
    standards: tuple[int, ...]  # Digital Service Standards for Wales it bears on (1-3)
    oecd: tuple[str, ...]  # OECD dimension codes it bears on (1-2)
    sectors_weight: dict[str, float] = field(hash=False)  # relative prevalence by sector, 0..1


def _weights(
    central: float, local: float, health: float, arms_length: float, third: float
) -> dict[str, float]:
    """Relative prevalence of a theme in each sector, in the order of vocabulary.SECTORS."""
    return {
        Sector.CENTRAL_GOVERNMENT.value: central,
        Sector.LOCAL_AUTHORITY.value: local,
        Sector.HEALTH.value: health,
        Sector.ARMS_LENGTH_BODY.value: arms_length,
        Sector.THIRD_SECTOR.value: third,
    }


# --------------------------------------------------------------------------------------------
# Digital Service Standards for Wales
# --------------------------------------------------------------------------------------------

STANDARD_GROUPS: tuple[tuple[str, str, str], ...] = (
    ("meeting_user_needs", "Meeting user needs", "Diwallu anghenion defnyddwyr"),
    ("good_digital_teams", "Creating good digital teams", "Creu timau digidol da"),
    ("right_technology", "Using the right technology", "Defnyddio'r dechnoleg iawn"),
)

STANDARDS: tuple[StandardSeed, ...] = (
    StandardSeed(
        1,
        "meeting_user_needs",
        "Focus on the current and future well-being of people in Wales",
        "Canolbwyntio ar lesiant presennol a llesiant y dyfodol pobl Cymru",
        "The service weighs its long-term effect on people, communities and the environment, "
        "in line with the Well-being of Future Generations (Wales) Act 2015.",
        "Mae'r gwasanaeth yn ystyried ei effaith hirdymor ar bobl, cymunedau a'r amgylchedd, "
        "yn unol â Deddf Llesiant Cenedlaethau'r Dyfodol (Cymru) 2015.",
    ),
    StandardSeed(
        2,
        "meeting_user_needs",
        "Promote the Welsh language",
        "Hyrwyddo'r Gymraeg",
        "The service is designed bilingually from the start and Welsh is treated no less "
        "favourably than English.",
        "Caiff y gwasanaeth ei ddylunio'n ddwyieithog o'r dechrau ac ni chaiff y Gymraeg ei "
        "thrin yn llai ffafriol na'r Saesneg.",
    ),
    StandardSeed(
        3,
        "meeting_user_needs",
        "Understand users and their needs",
        "Deall defnyddwyr a'u hanghenion",
        "The team researches regularly with real users and can show how their needs shape "
        "the service.",
        "Mae'r tîm yn gwneud ymchwil reolaidd gyda defnyddwyr go iawn ac yn gallu dangos sut "
        "mae eu hanghenion yn llywio'r gwasanaeth.",
    ),
    StandardSeed(
        4,
        "meeting_user_needs",
        "Provide a joined-up experience",
        "Darparu profiad cydgysylltiedig",
        "Users can complete the whole journey, across channels and organisations, without "
        "needing to know how the public sector is organised.",
        "Gall defnyddwyr gwblhau'r daith gyfan, ar draws sianeli a sefydliadau, heb fod angen "
        "iddynt wybod sut mae'r sector cyhoeddus wedi'i drefnu.",
    ),
    StandardSeed(
        5,
        "meeting_user_needs",
        "Make sure everyone can use the service",
        "Sicrhau bod pawb yn gallu defnyddio'r gwasanaeth",
        "The service meets accessibility standards and offers support to people who cannot "
        "use it online.",
        "Mae'r gwasanaeth yn bodloni safonau hygyrchedd ac yn cynnig cymorth i bobl na allant "
        "ei ddefnyddio ar-lein.",
    ),
    StandardSeed(
        6,
        "good_digital_teams",
        "Have an empowered service owner",
        "Bod â pherchennog gwasanaeth wedi'i rymuso",
        "A named service owner is accountable for the whole service and has the authority "
        "to make decisions about it.",
        "Mae perchennog gwasanaeth a enwir yn atebol am y gwasanaeth cyfan ac mae ganddo'r "
        "awdurdod i wneud penderfyniadau amdano.",
    ),
    StandardSeed(
        7,
        "good_digital_teams",
        "Have a multidisciplinary team",
        "Bod â thîm amlddisgyblaethol",
        "A sustainable team with the right mix of skills, from research and design to "
        "technology and policy, builds and runs the service.",
        "Mae tîm cynaliadwy sydd â'r cymysgedd iawn o sgiliau, o ymchwil a dylunio i "
        "dechnoleg a pholisi, yn creu ac yn rhedeg y gwasanaeth.",
    ),
    StandardSeed(
        8,
        "good_digital_teams",
        "Iterate and improve frequently",
        "Ailadrodd a gwella'n aml",
        "The team releases improvements often, based on evidence from users and performance data.",
        "Mae'r tîm yn rhyddhau gwelliannau'n aml, ar sail tystiolaeth gan ddefnyddwyr a data "
        "perfformiad.",
    ),
    StandardSeed(
        9,
        "good_digital_teams",
        "Work in the open",
        "Gweithio'n agored",
        "The team shares its progress, its research findings and, where it can, its code, so "
        "that others can learn from them and reuse them.",
        "Mae'r tîm yn rhannu ei gynnydd, canfyddiadau ei ymchwil ac, os yw'n bosibl, ei god, "
        "fel y gall eraill ddysgu ohonynt a'u hailddefnyddio.",
    ),
    StandardSeed(
        10,
        "right_technology",
        "Use scalable technology",
        "Defnyddio technoleg y gellir addasu ei graddfa",
        "The technology grows and shrinks with demand, uses open standards and shared "
        "components, and avoids lock-in to a single supplier.",
        "Mae'r dechnoleg yn ehangu ac yn crebachu yn ôl y galw, yn defnyddio safonau agored a "
        "chydrannau a rennir, ac yn osgoi bod yn gaeth i un cyflenwr.",
    ),
    StandardSeed(
        11,
        "right_technology",
        "Consider ethics, privacy and security throughout",
        "Ystyried moeseg, preifatrwydd a diogelwch drwy'r amser",
        "Risks to privacy, security and fairness are assessed from the start and reviewed "
        "whenever the service changes.",
        "Caiff risgiau i breifatrwydd, diogelwch a thegwch eu hasesu o'r dechrau a'u "
        "hadolygu bob tro y bydd y gwasanaeth yn newid.",
    ),
    StandardSeed(
        12,
        "right_technology",
        "Use data to make decisions",
        "Defnyddio data i wneud penderfyniadau",
        "The service collects performance data such as take-up, completion, cost and "
        "satisfaction, and uses it to guide decisions.",
        "Mae'r gwasanaeth yn casglu data perfformiad fel defnydd digidol, cyfradd cwblhau, "
        "cost a boddhad, ac yn ei ddefnyddio i lywio penderfyniadau.",
    ),
)

# --------------------------------------------------------------------------------------------
# OECD Digital Government Policy Framework
# --------------------------------------------------------------------------------------------

OECD_DIMENSIONS: tuple[OecdDimensionSeed, ...] = (
    OecdDimensionSeed(
        "digital_by_design",
        "Digital by design",
        "Digidol drwy ddylunio",
        "Digital tools are used to rethink processes and services from the start, not to "
        "put existing paper processes online.",
        "Defnyddir offer digidol i ailfeddwl prosesau a gwasanaethau o'r dechrau, nid i roi "
        "prosesau papur presennol ar-lein.",
    ),
    OecdDimensionSeed(
        "data_driven",
        "Data-driven public sector",
        "Sector cyhoeddus sy'n cael ei ysgogi gan ddata",
        "Data is governed and used as a strategic asset to design, deliver and monitor "
        "policies and services.",
        "Caiff data ei lywodraethu a'i ddefnyddio fel ased strategol i ddylunio, darparu a "
        "monitro polisïau a gwasanaethau.",
    ),
    OecdDimensionSeed(
        "government_as_platform",
        "Government as a platform",
        "Llywodraeth fel platfform",
        "Common components, tools, guidance and shared services let teams meet user needs "
        "consistently without building everything themselves.",
        "Mae cydrannau, offer, canllawiau a gwasanaethau a rennir yn galluogi timau i "
        "ddiwallu anghenion defnyddwyr yn gyson heb adeiladu popeth eu hunain.",
    ),
    OecdDimensionSeed(
        "open_by_default",
        "Open by default",
        "Agored yn ddiofyn",
        "Data, code, processes and decisions are open to the public unless there is a good "
        "reason, such as privacy or security, to keep them closed.",
        "Mae data, cod, prosesau a phenderfyniadau yn agored i'r cyhoedd oni bai bod rheswm "
        "da, fel preifatrwydd neu ddiogelwch, dros eu cadw'n gaeedig.",
    ),
    OecdDimensionSeed(
        "user_driven",
        "User-driven",
        "Wedi'i arwain gan ddefnyddwyr",
        "People's needs and convenience shape services, and users take part in designing "
        "and improving them.",
        "Anghenion a hwylustod pobl sy'n llywio gwasanaethau, ac mae defnyddwyr yn cymryd "
        "rhan yn y gwaith o'u dylunio a'u gwella.",
    ),
    OecdDimensionSeed(
        "proactiveness",
        "Proactiveness",
        "Rhagweithioldeb",
        "Government anticipates people's needs and responds before they have to ask, sparing "
        "them complicated processes.",
        "Mae'r llywodraeth yn rhagweld anghenion pobl ac yn ymateb cyn iddynt orfod gofyn, "
        "gan arbed prosesau cymhleth iddynt.",
    ),
)

# --------------------------------------------------------------------------------------------
# Challenge and opportunity themes
# --------------------------------------------------------------------------------------------

CHALLENGES: tuple[ThemeSeed, ...] = (
    ThemeSeed(
        "recruiting_developers",
        "challenge",
        "skills",
        "Recruiting and retaining software developers",
        "Recriwtio a chadw datblygwyr meddalwedd",
        "Teams struggle to hire and keep software-development staff because the private "
        "sector pays more.",
        "Mae timau'n cael trafferth recriwtio a chadw staff datblygu meddalwedd gan fod y "
        "sector preifat yn talu cyflogau uwch.",
        (7, 8),
        ("digital_by_design",),
        _weights(0.6, 0.85, 0.85, 0.55, 0.4),
    ),
    ThemeSeed(
        "cyber_security_skills",
        "challenge",
        "skills",
        "Cyber-security skills bought in from outside",
        "Prynu sgiliau seiberddiogelwch o'r tu allan",
        "Few staff have in-depth cyber-security knowledge, so organisations rely on outside "
        "suppliers for advice, testing and assurance.",
        "Ychydig o staff sydd â gwybodaeth fanwl am seiberddiogelwch, felly mae sefydliadau'n "
        "dibynnu ar gyflenwyr allanol am gyngor, profion a sicrwydd.",
        (11, 7),
        ("digital_by_design",),
        _weights(0.45, 0.7, 0.65, 0.6, 0.55),
    ),
    ThemeSeed(
        "uncertainty_moving_online",
        "challenge",
        "organisation",
        "Uncertainty about moving services online",
        "Ansicrwydd ynghylch symud gwasanaethau ar-lein",
        "Parts of the organisation are unsure about moving online and expect it to add to "
        "their workload rather than reduce it.",
        "Mae rhannau o'r sefydliad yn ansicr ynghylch symud ar-lein ac yn disgwyl iddo "
        "ychwanegu at eu llwyth gwaith yn hytrach na'i leihau.",
        (6, 8),
        ("digital_by_design",),
        _weights(0.4, 0.65, 0.6, 0.45, 0.5),
    ),
    ThemeSeed(
        "legacy_systems_lock_in",
        "challenge",
        "technology",
        "Legacy systems and supplier lock-in",
        "Systemau etifeddol a bod yn gaeth i gyflenwyr",
        "Old line-of-business systems and long supplier contracts make change slow and costly "
        "and limit access to the service's own data.",
        "Mae hen systemau busnes a chontractau hir â chyflenwyr yn gwneud newid yn araf ac yn "
        "gostus, ac yn cyfyngu ar fynediad at ddata'r gwasanaeth ei hun.",
        (10, 8),
        ("government_as_platform", "digital_by_design"),
        _weights(0.5, 0.8, 0.75, 0.45, 0.2),
    ),
    ThemeSeed(
        "shared_systems_unmeasurable",
        "challenge",
        "technology",
        "Shared systems and contracts that cannot be split",
        "Systemau a chontractau a rennir na ellir eu hollti",
        "The service runs on systems or contracts shared with other services, so its own "
        "volumes and costs cannot be measured separately.",
        "Mae'r gwasanaeth yn rhedeg ar systemau neu gontractau a rennir â gwasanaethau eraill, "
        "felly ni ellir mesur ei niferoedd a'i gostau ei hun ar wahân.",
        (12,),
        ("data_driven",),
        _weights(0.45, 0.8, 0.7, 0.4, 0.2),
    ),
    ThemeSeed(
        "short_term_funding",
        "challenge",
        "organisation",
        "Short-term funding",
        "Cyllid tymor byr",
        "Digital work is paid for from one-off or annual funding, so teams cannot plan ahead, "
        "keep staff or look after services once they are live.",
        "Telir am waith digidol o gyllid untro neu flynyddol, felly ni all timau gynllunio "
        "ymlaen llaw, cadw staff na gofalu am wasanaethau ar ôl iddynt fynd yn fyw.",
        (7, 8),
        ("digital_by_design",),
        _weights(0.35, 0.6, 0.5, 0.5, 0.9),
    ),
    ThemeSeed(
        "bilingual_capacity",
        "challenge",
        "service_design",
        "Capacity to deliver bilingually",
        "Capasiti i ddarparu'n ddwyieithog",
        "Translation and Welsh-language design capacity is limited, so Welsh content and "
        "interfaces lag behind the English versions.",
        "Mae capasiti cyfieithu a dylunio yn Gymraeg yn brin, felly mae cynnwys a rhyngwynebau "
        "Cymraeg ar ei hôl hi o'u cymharu â'r fersiynau Saesneg.",
        (2,),
        ("user_driven",),
        _weights(0.4, 0.6, 0.55, 0.5, 0.7),
    ),
    ThemeSeed(
        "digital_exclusion",
        "challenge",
        "service_design",
        "Digital exclusion of some users",
        "Allgáu digidol rhai defnyddwyr",
        "Some users lack the devices, connection, skills or confidence to go online, so "
        "offline routes have to be kept and supported.",
        "Nid oes gan rai defnyddwyr y dyfeisiau, y cysylltiad, y sgiliau na'r hyder i fynd "
        "ar-lein, felly mae'n rhaid cadw a chefnogi llwybrau all-lein.",
        (5, 1),
        ("user_driven",),
        _weights(0.45, 0.75, 0.8, 0.4, 0.7),
    ),
    ThemeSeed(
        "information_governance",
        "challenge",
        "organisation",
        "Information governance and data sharing across organisations",
        "Llywodraethu gwybodaeth a rhannu data rhwng sefydliadau",
        "Agreeing the legal basis and information-sharing arrangements between organisations "
        "is slow, which holds back joined-up services.",
        "Mae cytuno ar y sail gyfreithiol a'r trefniadau rhannu gwybodaeth rhwng sefydliadau "
        "yn broses araf, ac mae hynny'n rhwystro gwasanaethau cydgysylltiedig.",
        (11, 4),
        ("data_driven", "proactiveness"),
        _weights(0.5, 0.6, 0.85, 0.4, 0.45),
    ),
    ThemeSeed(
        "user_research_capacity",
        "challenge",
        "service_design",
        "Little capacity for user research",
        "Ychydig o gapasiti ar gyfer ymchwil defnyddwyr",
        "Few teams have user researchers or time for research, so services are designed on "
        "assumptions rather than evidence.",
        "Ychydig o dimau sydd ag ymchwilwyr defnyddwyr neu amser i wneud ymchwil, felly caiff "
        "gwasanaethau eu dylunio ar sail tybiaethau yn hytrach na thystiolaeth.",
        (3, 8),
        ("user_driven",),
        _weights(0.45, 0.75, 0.7, 0.55, 0.6),
    ),
)

OPPORTUNITIES: tuple[ThemeSeed, ...] = (
    # Service design and delivery
    ThemeSeed(
        "user_research",
        "opportunity",
        "service_design",
        "User research",
        "Ymchwil defnyddwyr",
        "Support to plan and carry out research with users, including the people who find "
        "services hardest to use.",
        "Cymorth i gynllunio a chynnal ymchwil gyda defnyddwyr, gan gynnwys y bobl sy'n ei "
        "chael hi anoddaf defnyddio gwasanaethau.",
        (3,),
        ("user_driven",),
        _weights(0.6, 0.7, 0.65, 0.6, 0.55),
    ),
    ThemeSeed(
        "inclusion_accessibility",
        "opportunity",
        "service_design",
        "Inclusion and accessibility",
        "Cynhwysiant a hygyrchedd",
        "Help to make services accessible and to design assisted routes for people who cannot "
        "or would rather not go online.",
        "Help i wneud gwasanaethau'n hygyrch ac i ddylunio llwybrau â chymorth i bobl na "
        "allant fynd ar-lein neu y byddai'n well ganddynt beidio.",
        (5, 1),
        ("user_driven",),
        _weights(0.55, 0.7, 0.7, 0.55, 0.6),
    ),
    ThemeSeed(
        "meeting_the_standards",
        "opportunity",
        "service_design",
        "Meeting the Digital Service Standards",
        "Bodloni'r Safonau Gwasanaeth Digidol",
        "Guidance, assessments and peer review that help teams understand and meet the "
        "Digital Service Standards for Wales.",
        "Canllawiau, asesiadau ac adolygiadau gan gymheiriaid sy'n helpu timau i ddeall a "
        "bodloni Safonau Gwasanaeth Digidol Cymru.",
        (3, 6, 8),
        ("user_driven", "digital_by_design"),
        _weights(0.6, 0.6, 0.5, 0.6, 0.35),
    ),
    ThemeSeed(
        "bilingual_design",
        "opportunity",
        "service_design",
        "Bilingual design for Welsh speakers",
        "Dylunio dwyieithog ar gyfer siaradwyr Cymraeg",
        "Shared patterns, content guidance and translation resources so that journeys in "
        "Welsh are as good as journeys in English.",
        "Patrymau, canllawiau cynnwys ac adnoddau cyfieithu a rennir fel bod teithiau yn "
        "Gymraeg cystal â theithiau yn Saesneg.",
        (2, 3),
        ("user_driven",),
        _weights(0.6, 0.65, 0.55, 0.6, 0.5),
    ),
    ThemeSeed(
        "iterating_services",
        "opportunity",
        "service_design",
        "Iterating and improving services",
        "Ailadrodd a gwella gwasanaethau",
        "Help to release small changes often and to keep learning from feedback once a "
        "service is live.",
        "Help i ryddhau newidiadau bach yn aml ac i ddal ati i ddysgu o adborth ar ôl i "
        "wasanaeth fynd yn fyw.",
        (8, 12),
        ("user_driven", "data_driven"),
        _weights(0.55, 0.6, 0.55, 0.55, 0.45),
    ),
    ThemeSeed(
        "end_to_end_pathways",
        "opportunity",
        "service_design",
        "End-to-end digital pathways",
        "Llwybrau digidol o'r dechrau i'r diwedd",
        "Joining digital components into whole journeys, so that a need is met from first "
        "contact to outcome without falling back on paper.",
        "Cysylltu cydrannau digidol yn deithiau cyfan, fel bod angen yn cael ei ddiwallu o'r "
        "cyswllt cyntaf hyd at y canlyniad heb droi'n ôl at bapur.",
        (4, 3),
        ("digital_by_design", "user_driven"),
        _weights(0.6, 0.8, 0.75, 0.55, 0.4),
    ),
    # Technology
    ThemeSeed(
        "shared_components",
        "opportunity",
        "technology",
        "Shared components such as digital forms",
        "Cydrannau a rennir, fel ffurflenni digidol",
        "A shared library of tested components, such as forms, payments and notifications, "
        "that teams reuse instead of building their own.",
        "Llyfrgell a rennir o gydrannau sydd wedi'u profi, fel ffurflenni, taliadau a "
        "hysbysiadau, y gall timau eu hailddefnyddio yn hytrach nag adeiladu eu rhai eu hunain.",
        (10, 4),
        ("government_as_platform",),
        _weights(0.6, 0.85, 0.55, 0.6, 0.45),
    ),
    ThemeSeed(
        "shared_login",
        "opportunity",
        "technology",
        "Shared login and single user accounts",
        "Mewngofnodi cyffredin a chyfrif defnyddiwr sengl",
        "One way to sign in and one account across public services, so people prove who they "
        "are once and see their dealings in one place.",
        "Un ffordd o fewngofnodi ac un cyfrif ar draws gwasanaethau cyhoeddus, fel bod pobl yn "
        "profi pwy ydynt unwaith ac yn gweld eu holl drafodion mewn un lle.",
        (4, 10, 11),
        ("government_as_platform", "user_driven"),
        _weights(0.65, 0.8, 0.6, 0.5, 0.3),
    ),
    ThemeSeed(
        "shared_systems",
        "opportunity",
        "technology",
        "Shared systems across public services",
        "Systemau a rennir ar draws gwasanaethau cyhoeddus",
        "Buying or building common systems, such as case management or booking, once for "
        "several organisations instead of each buying its own.",
        "Prynu neu adeiladu systemau cyffredin, fel rheoli achosion neu archebu, unwaith ar "
        "gyfer sawl sefydliad yn hytrach na bod pob un yn prynu ei system ei hun.",
        (10, 4),
        ("government_as_platform",),
        _weights(0.5, 0.8, 0.65, 0.5, 0.3),
    ),
    ThemeSeed(
        "protecting_data",
        "opportunity",
        "technology",
        "Protecting data",
        "Diogelu data",
        "Shared security expertise, patterns and assurance so that personal data is protected "
        "by design.",
        "Arbenigedd, patrymau a sicrwydd diogelwch a rennir fel bod data personol yn cael ei "
        "ddiogelu drwy ddylunio.",
        (11,),
        ("data_driven",),
        _weights(0.55, 0.65, 0.75, 0.55, 0.5),
    ),
    ThemeSeed(
        "patients_own_data",
        "opportunity",
        "technology",
        "Patients seeing their own data",
        "Cleifion yn gweld eu data eu hunain",
        "Letting patients see their own records, results and appointments online and share "
        "them with the people who care for them.",
        "Galluogi cleifion i weld eu cofnodion, eu canlyniadau a'u hapwyntiadau eu hunain "
        "ar-lein a'u rhannu â'r bobl sy'n gofalu amdanynt.",
        (4, 11),
        ("user_driven", "data_driven"),
        _weights(0.05, 0.05, 0.9, 0.05, 0.05),
    ),
    # Broader skills and ways of working
    ThemeSeed(
        "agile_delivery",
        "opportunity",
        "skills",
        "Agile delivery",
        "Dulliau darparu ystwyth",
        "Training and coaching in agile ways of working: short cycles, multidisciplinary "
        "teams and regular show-and-tells.",
        "Hyfforddiant a mentora mewn ffyrdd ystwyth o weithio: cylchoedd byr, timau "
        "amlddisgyblaethol a sesiynau dangos a dweud rheolaidd.",
        (7, 8, 9),
        ("digital_by_design",),
        _weights(0.6, 0.65, 0.55, 0.6, 0.45),
    ),
    ThemeSeed(
        "digital_roles",
        "opportunity",
        "skills",
        "Digital roles and career paths",
        "Rolau digidol a llwybrau gyrfa",
        "Common role descriptions, pay frameworks and career paths for digital, data and "
        "technology staff across the public sector.",
        "Disgrifiadau swydd, fframweithiau cyflog a llwybrau gyrfa cyffredin ar gyfer staff "
        "digidol, data a thechnoleg ar draws y sector cyhoeddus.",
        (7,),
        ("digital_by_design",),
        _weights(0.55, 0.75, 0.7, 0.55, 0.4),
    ),
    ThemeSeed(
        "digital_procurement",
        "opportunity",
        "skills",
        "Procurement of digital services",
        "Caffael gwasanaethau digidol",
        "Buying digital work in smaller, outcome-based contracts that avoid lock-in and keep "
        "data and code in public hands.",
        "Prynu gwaith digidol drwy gontractau llai sy'n seiliedig ar ganlyniadau, sy'n osgoi "
        "bod yn gaeth i un cyflenwr ac yn cadw data a chod yn nwylo'r sector cyhoeddus.",
        (10, 9),
        ("government_as_platform", "open_by_default"),
        _weights(0.55, 0.75, 0.65, 0.55, 0.3),
    ),
    # Organisational transformation
    ThemeSeed(
        "performance_metrics",
        "opportunity",
        "organisation",
        "Using performance metrics systematically",
        "Defnyddio metrigau perfformiad yn systematig",
        "Collecting the same core measures for every service (users, transactions, take-up, "
        "completion, cost, satisfaction) and using them to decide what to improve.",
        "Casglu'r un mesurau craidd ar gyfer pob gwasanaeth (defnyddwyr, trafodion, defnydd "
        "digidol, cyfradd cwblhau, cost, boddhad) a'u defnyddio i benderfynu beth i'w wella.",
        (12, 8),
        ("data_driven",),
        _weights(0.6, 0.7, 0.6, 0.6, 0.4),
    ),
    ThemeSeed(
        "empowered_service_owners",
        "opportunity",
        "organisation",
        "Empowering service owners",
        "Grymuso perchnogion gwasanaethau",
        "Giving service owners clear accountability, a budget and the authority to change the "
        "whole service, not just its digital part.",
        "Rhoi atebolrwydd clir, cyllideb a'r awdurdod i berchnogion gwasanaethau newid y "
        "gwasanaeth cyfan, nid y rhan ddigidol yn unig.",
        (6,),
        ("digital_by_design",),
        _weights(0.55, 0.65, 0.6, 0.55, 0.45),
    ),
)

THEMES: tuple[ThemeSeed, ...] = CHALLENGES + OPPORTUNITIES

OPPORTUNITY_COUNT = 16


def validate() -> None:
    """Assert that the reference data holds together; raise AssertionError on the first fault."""
    group_codes = {code for code, _en, _cy in STANDARD_GROUPS}
    assert len(STANDARD_GROUPS) == 3 == len(group_codes), "three standard groups expected"
    numbers = [s.number for s in STANDARDS]
    assert numbers == list(range(1, 13)), f"standards must be numbered 1..12, got {numbers}"
    for standard in STANDARDS:
        assert standard.group in group_codes, f"standard {standard.number}: unknown group"
        assert standard.name_en and standard.name_cy, f"standard {standard.number}: name missing"

    oecd_codes = {d.code for d in OECD_DIMENSIONS}
    assert len(OECD_DIMENSIONS) == 6 == len(oecd_codes), "six distinct OECD dimensions expected"

    theme_codes = [t.code for t in THEMES]
    assert len(theme_codes) == len(set(theme_codes)), "theme codes must be unique"
    opportunities = [t for t in THEMES if t.kind == "opportunity"]
    assert len(opportunities) == OPPORTUNITY_COUNT, f"{len(opportunities)} opportunities"

    kinds = set(codes(THEME_KINDS))
    categories = set(codes(THEME_CATEGORIES))
    sectors = {s.value for s in Sector}
    for theme in THEMES:
        where = f"theme {theme.code}"
        assert theme.kind in kinds, f"{where}: unknown kind {theme.kind!r}"
        assert theme.category in categories, f"{where}: unknown category {theme.category!r}"
        assert theme.name_en and theme.name_cy, f"{where}: name missing"
        assert theme.description_en and theme.description_cy, f"{where}: description missing"
        assert 1 <= len(theme.standards) <= 3, f"{where}: 1-3 standards expected"
        assert len(set(theme.standards)) == len(theme.standards), f"{where}: repeated standard"
        assert set(theme.standards) <= set(numbers), f"{where}: unknown standard"
        assert 1 <= len(theme.oecd) <= 2, f"{where}: 1-2 OECD dimensions expected"
        assert len(set(theme.oecd)) == len(theme.oecd), f"{where}: repeated OECD dimension"
        assert set(theme.oecd) <= oecd_codes, f"{where}: unknown OECD dimension"
        assert set(theme.sectors_weight) <= sectors, f"{where}: unknown sector"
        assert all(0.0 <= w <= 1.0 for w in theme.sectors_weight.values()), (
            f"{where}: sector weights must lie in 0..1"
        )
