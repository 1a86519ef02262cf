"""Invented owners' words for the demo data and the generator: a short note beside a share of
the theme reports, and the generalist survey's two long answers for a share of its responses.

Every sentence here is invented, as every figure of the demo is. Notes match their theme and the
kind of body (a council, a health body, a national body, a charity); an owner of a fully
bilingual service writes some of them in Welsh. They come from a small pool, so a catalogue of
100,000 services gets its notes in a fraction of a second. A generator of their own, seeded from
the data set's seed, draws them: the same seed gives the same words, and the rest of the demo
draws exactly what it drew before they were added.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from db.demo.draw import CatalogueFrames
from db.models import SurveyAnswer, SurveyInstrument, SurveyQuestion, SurveyResponse, SurveySection
from db.vocabulary import Sector

#: Share of theme reports that carry a note, and of the notes of a fully bilingual service that
#: are in Welsh.
NOTE_RATE = 0.3
WELSH_RATE = 0.35
#: Share of generalist responses that reached a long question and answered it.
ANSWER_RATE = 0.75
#: Kept apart from the catalogue's own draws.
SALT = 5_310

#: The kind of body a note is written for; ANY where the words fit every kind.
COUNCIL, HEALTH, NATIONAL, CHARITY, ANY = "council", "health", "national", "charity", "any"
GROUPS: dict[str, str] = {
    Sector.LOCAL_AUTHORITY: COUNCIL,
    Sector.HEALTH: HEALTH,
    Sector.CENTRAL_GOVERNMENT: NATIONAL,
    Sector.ARMS_LENGTH_BODY: NATIONAL,
    Sector.THIRD_SECTOR: CHARITY,
}

#: (theme, kind of body, English, Welsh). A theme's words for a kind of body if it has any,
#: else its words for ANY.
NOTES: tuple[tuple[str, str, str, str], ...] = (
    (
        "recruiting_developers",
        ANY,
        "We lost two developers to the private sector this year and still have not filled "
        "the posts.",
        "Collon ni ddau ddatblygwr i'r sector preifat eleni ac nid ydym wedi llenwi'r swyddi eto.",
    ),
    (
        "recruiting_developers",
        HEALTH,
        "Agency developers cost us far more than a permanent post, but nobody applies for the "
        "post.",
        "Mae datblygwyr asiantaeth yn costio llawer mwy na swydd barhaol i ni, ond nid oes neb "
        "yn gwneud cais am y swydd.",
    ),
    (
        "recruiting_developers",
        CHARITY,
        "Our one developer is a volunteer; when she moves on, nobody can change the website.",
        "Gwirfoddolwr yw ein hunig ddatblygwr; pan fydd hi'n symud ymlaen, ni fydd neb yn "
        "gallu newid y wefan.",
    ),
    (
        "cyber_security_skills",
        ANY,
        "All our security testing is bought in; nobody in the team could read the report "
        "without help.",
        "Rydym yn prynu ein holl brofion diogelwch i mewn; ni allai neb yn y tîm ddarllen yr "
        "adroddiad heb help.",
    ),
    (
        "cyber_security_skills",
        CHARITY,
        "We rely on a local IT firm for security and do not know what they check.",
        "Rydym yn dibynnu ar gwmni TG lleol ar gyfer diogelwch ac nid ydym yn gwybod beth "
        "maen nhw'n ei wirio.",
    ),
    (
        "uncertainty_moving_online",
        ANY,
        "Staff worry that an online form will double the work, because every form is still "
        "retyped.",
        "Mae staff yn poeni y bydd ffurflen ar-lein yn dyblu'r gwaith, am fod pob ffurflen yn "
        "dal i gael ei hail-deipio.",
    ),
    (
        "uncertainty_moving_online",
        HEALTH,
        "Clinicians are not sure that online booking is safe for patients who need a call first.",
        "Nid yw clinigwyr yn siŵr bod trefnu ar-lein yn ddiogel i gleifion sydd angen galwad "
        "yn gyntaf.",
    ),
    (
        "legacy_systems_lock_in",
        ANY,
        "The case system is fifteen years old and the supplier charges for every change to a "
        "field.",
        "Mae'r system achosion yn bymtheg oed ac mae'r cyflenwr yn codi tâl am bob newid i faes.",
    ),
    (
        "legacy_systems_lock_in",
        HEALTH,
        "The patient administration system cannot take a booking from anywhere else.",
        "Ni all y system gweinyddu cleifion dderbyn apwyntiad o unrhyw le arall.",
    ),
    (
        "shared_systems_unmeasurable",
        ANY,
        "One contract covers six services, so we cannot say what this one costs.",
        "Mae un contract yn cwmpasu chwe gwasanaeth, felly ni allwn ddweud faint mae hwn yn "
        "ei gostio.",
    ),
    (
        "shared_systems_unmeasurable",
        HEALTH,
        "Activity is counted in a national system and we cannot split out our own figures.",
        "Caiff gweithgarwch ei gyfrif mewn system genedlaethol ac ni allwn wahanu ein ffigurau "
        "ein hunain.",
    ),
    (
        "short_term_funding",
        ANY,
        "The project money ends in March, so we cannot plan past the first version.",
        "Daw arian y prosiect i ben ym mis Mawrth, felly ni allwn gynllunio y tu hwnt i'r "
        "fersiwn gyntaf.",
    ),
    (
        "short_term_funding",
        CHARITY,
        "Each grant lasts a year; we rebuild the same thing for every funder.",
        "Mae pob grant yn para blwyddyn; rydym yn ailadeiladu'r un peth i bob cyllidwr.",
    ),
    (
        "bilingual_capacity",
        ANY,
        "Every change waits a week for translation, so the Welsh pages fall behind.",
        "Mae pob newid yn aros wythnos am gyfieithiad, felly mae'r tudalennau Cymraeg yn "
        "llusgo ar ôl.",
    ),
    (
        "bilingual_capacity",
        CHARITY,
        "We have no Welsh speaker in the team and translation comes out of a small budget.",
        "Nid oes siaradwr Cymraeg yn y tîm ac mae cyfieithu'n dod o gyllideb fach.",
    ),
    (
        "digital_exclusion",
        ANY,
        "Many of our users have no broadband at home and phone us instead.",
        "Nid oes gan lawer o'n defnyddwyr fand eang gartref, ac maen nhw'n ein ffonio yn lle "
        "hynny.",
    ),
    (
        "digital_exclusion",
        HEALTH,
        "Older patients often cannot use the app, so the phone line must stay.",
        "Yn aml ni all cleifion hŷn ddefnyddio'r ap, felly rhaid i'r llinell ffôn aros.",
    ),
    (
        "information_governance",
        COUNCIL,
        "Sharing data with the health board needs a new agreement for each project.",
        "Mae rhannu data gyda'r bwrdd iechyd yn gofyn am gytundeb newydd ar gyfer pob prosiect.",
    ),
    (
        "information_governance",
        HEALTH,
        "We cannot see the council's records of the same family, so people tell their story twice.",
        "Ni allwn weld cofnodion y cyngor am yr un teulu, felly mae pobl yn adrodd eu stori "
        "ddwywaith.",
    ),
    (
        "information_governance",
        ANY,
        "Referrals arrive by email because there is no agreed way to share data.",
        "Mae atgyfeiriadau'n cyrraedd drwy e-bost am nad oes ffordd gytûn o rannu data.",
    ),
    (
        "user_research_capacity",
        ANY,
        "Nobody in the team has time to talk to users; we hear from them only when they complain.",
        "Nid oes gan neb yn y tîm amser i siarad â defnyddwyr; dim ond pan fyddant yn cwyno y "
        "clywn ganddynt.",
    ),
    (
        "user_research_capacity",
        HEALTH,
        "We test changes with staff, not patients, because arranging sessions with patients "
        "takes months.",
        "Rydym yn profi newidiadau gyda staff, nid cleifion, am fod trefnu sesiynau gyda "
        "chleifion yn cymryd misoedd.",
    ),
    (
        "user_research",
        ANY,
        "A shared pool of user researchers we could call on for a few weeks at a time.",
        "Cronfa o ymchwilwyr defnyddwyr a rennir y gallem alw arni am ychydig wythnosau ar y tro.",
    ),
    (
        "inclusion_accessibility",
        ANY,
        "An accessibility audit of the form before we add more to it.",
        "Archwiliad hygyrchedd o'r ffurflen cyn i ni ychwanegu rhagor ati.",
    ),
    (
        "inclusion_accessibility",
        HEALTH,
        "Easy-read letters and a text service for patients who cannot use the phone.",
        "Llythyrau hawdd eu darllen a gwasanaeth testun i gleifion na allant ddefnyddio'r ffôn.",
    ),
    (
        "meeting_the_standards",
        ANY,
        "Help to prepare for our first service assessment against the standards.",
        "Help i baratoi ar gyfer ein hasesiad gwasanaeth cyntaf yn erbyn y safonau.",
    ),
    (
        "bilingual_design",
        ANY,
        "Designing in Welsh and English from the start, not translating at the end.",
        "Dylunio yn Gymraeg ac yn Saesneg o'r dechrau, nid cyfieithu ar y diwedd.",
    ),
    (
        "iterating_services",
        ANY,
        "Being allowed to change the form after launch without a new business case.",
        "Cael newid y ffurflen ar ôl ei lansio heb achos busnes newydd.",
    ),
    (
        "end_to_end_pathways",
        ANY,
        "An online application that reaches the back office without being retyped.",
        "Cais ar-lein sy'n cyrraedd y swyddfa gefn heb gael ei ail-deipio.",
    ),
    (
        "end_to_end_pathways",
        HEALTH,
        "A digital pathway from the GP referral to the appointment letter.",
        "Llwybr digidol o atgyfeiriad y meddyg teulu i'r llythyr apwyntiad.",
    ),
    (
        "shared_components",
        ANY,
        "A shared forms component for Wales, so each team stops building its own.",
        "Cydran ffurflenni a rennir ar gyfer Cymru, fel nad oes rhaid i bob tîm adeiladu ei un "
        "ei hun.",
    ),
    (
        "shared_components",
        CHARITY,
        "One referral form that every council accepts.",
        "Un ffurflen atgyfeirio y mae pob cyngor yn ei derbyn.",
    ),
    (
        "shared_login",
        ANY,
        "One login for people across all our services, instead of five.",
        "Un cyfrif mewngofnodi i bobl ar draws ein holl wasanaethau, yn lle pump.",
    ),
    (
        "shared_login",
        HEALTH,
        "Patients signing in with the NHS login through the NHS Wales App.",
        "Cleifion yn mewngofnodi gyda mewngofnod y GIG drwy Ap GIG Cymru.",
    ),
    (
        "shared_systems",
        ANY,
        "A case system shared with neighbouring bodies, bought once.",
        "System achosion a rennir gyda chyrff cyfagos, wedi'i phrynu unwaith.",
    ),
    (
        "protecting_data",
        ANY,
        "Clear guidance on what we may keep and for how long.",
        "Canllawiau clir ar beth y cawn ei gadw ac am ba hyd.",
    ),
    (
        "patients_own_data",
        HEALTH,
        "Patients seeing their own test results without calling the ward.",
        "Cleifion yn gweld canlyniadau eu profion eu hunain heb ffonio'r ward.",
    ),
    (
        "patients_own_data",
        ANY,
        "People seeing the information we hold about them.",
        "Pobl yn gweld yr wybodaeth sydd gennym amdanynt.",
    ),
    (
        "agile_delivery",
        ANY,
        "A small team that can release every fortnight, not twice a year.",
        "Tîm bach sy'n gallu rhyddhau bob pythefnos, nid ddwywaith y flwyddyn.",
    ),
    (
        "digital_roles",
        ANY,
        "A career path that keeps our developers once we have trained them.",
        "Llwybr gyrfa sy'n cadw ein datblygwyr ar ôl i ni eu hyfforddi.",
    ),
    (
        "digital_procurement",
        ANY,
        "Contracts short enough that we can change supplier when we need to.",
        "Contractau digon byr fel y gallwn newid cyflenwr pan fydd angen.",
    ),
    (
        "performance_metrics",
        ANY,
        "Knowing how many people start the form and give up.",
        "Gwybod faint o bobl sy'n dechrau'r ffurflen ac yn rhoi'r gorau iddi.",
    ),
    (
        "empowered_service_owners",
        ANY,
        "A service owner who can decide on changes without three committees.",
        "Perchennog gwasanaeth sy'n gallu penderfynu ar newidiadau heb dri phwyllgor.",
    ),
)

#: The generalist survey's long answers: (question, kind of body, English, Welsh).
ANSWERS: tuple[tuple[str, str, str, str], ...] = (
    (
        "other_challenges",
        ANY,
        "Our phone system cannot tell us why people call, so we cannot see what to fix online "
        "first.",
        "Ni all ein system ffôn ddweud wrthym pam mae pobl yn ffonio, felly ni allwn weld beth "
        "i'w drwsio ar-lein yn gyntaf.",
    ),
    (
        "other_challenges",
        ANY,
        "Every change to the website goes through a central team with a three-month queue.",
        "Mae pob newid i'r wefan yn mynd drwy dîm canolog sydd â chiw o dri mis.",
    ),
    (
        "other_challenges",
        HEALTH,
        "Referrals still arrive on paper from some surgeries, and someone types each one in.",
        "Mae atgyfeiriadau'n dal i gyrraedd ar bapur o rai meddygfeydd, ac mae rhywun yn teipio "
        "pob un i mewn.",
    ),
    (
        "other_challenges",
        CHARITY,
        "Each council we work with asks for its own monitoring report in its own format.",
        "Mae pob cyngor rydym yn gweithio gydag ef yn gofyn am ei adroddiad monitro ei hun yn "
        "ei fformat ei hun.",
    ),
    (
        "most_helpful",
        ANY,
        "Someone to map the whole journey with us before we buy another system.",
        "Rhywun i fapio'r daith gyfan gyda ni cyn i ni brynu system arall.",
    ),
    (
        "most_helpful",
        ANY,
        "Two years of funding for a small digital team of our own.",
        "Cyllid dwy flynedd ar gyfer tîm digidol bach ein hunain.",
    ),
    (
        "most_helpful",
        HEALTH,
        "Booking straight from the referral into the patient administration system.",
        "Trefnu apwyntiadau'n syth o'r atgyfeiriad i'r system gweinyddu cleifion.",
    ),
    (
        "most_helpful",
        CHARITY,
        "Funding for a part-time digital post that lasts longer than one year.",
        "Cyllid ar gyfer swydd ddigidol ran-amser sy'n para'n hwy na blwyddyn.",
    ),
)


def _pools(
    entries: tuple[tuple[str, str, str, str], ...],
) -> tuple[list[str], dict[tuple[str, str], np.ndarray]]:
    """Every text (English and Welsh, the Welsh of entry i at i + len(entries)), and for each
    (theme or question, kind of body) the entries it draws from."""
    texts = [english for _, _, english, _ in entries] + [welsh for _, _, _, welsh in entries]
    by_key: dict[tuple[str, str], list[int]] = {}
    for number, (about, group, _, _) in enumerate(entries):
        by_key.setdefault((about, group), []).append(number)
    pools: dict[tuple[str, str], np.ndarray] = {}
    for about in {about for about, _, _, _ in entries}:
        for group in {*GROUPS.values(), ANY}:
            own = by_key.get((about, group)) or by_key.get((about, ANY)) or []
            if own:
                pools[(about, group)] = np.asarray(own, dtype=np.int64)
    return texts, pools


def _bodies(sectors: pd.Series, rows: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The kind of body of each row's service (`rows` index `sectors`, one per service), as
    integer codes into the names: worked out once per sector, not once per row."""
    codes, sector_names = pd.factorize(sectors)
    names = [GROUPS.get(str(sector), ANY) for sector in sector_names] + [ANY]
    return np.where(codes < 0, len(names) - 1, codes)[rows], names


def _draw(
    rng: np.random.Generator,
    entries: tuple[tuple[str, str, str, str], ...],
    about: pd.Series,
    bodies: tuple[np.ndarray, list[str]],
    bilingual: np.ndarray,
) -> tuple[np.ndarray, list[str]]:
    """One text per row from the pool of its (theme or question, kind of body), in Welsh for a
    share of the bilingual rows: codes into the texts (-1 where the pool is empty)."""
    texts, pools = _pools(entries)
    chosen = np.full(len(about), -1, dtype=np.int64)
    # rows grouped by (theme or question, kind of body) as integer keys: a few dozen groups
    # over hundreds of thousands of rows, with no string built per row
    about_codes, about_names = pd.factorize(about)
    body_codes, body_names = bodies
    key = about_codes.astype(np.int64) * len(body_names) + body_codes
    order = np.argsort(key, kind="stable")
    for rows in np.split(order, np.flatnonzero(np.diff(key[order])) + 1):
        if not len(rows):
            continue
        what, body = divmod(int(key[rows[0]]), len(body_names))
        pool = pools.get((str(about_names[what]), body_names[body]))
        if pool is not None:
            chosen[rows] = pool[rng.integers(0, len(pool), size=len(rows))]
    welsh = bilingual & (rng.random(len(about)) < WELSH_RATE) & (chosen >= 0)
    chosen[welsh] += len(entries)
    return chosen, texts


def add_theme_notes(frames: CatalogueFrames, seed: int) -> None:
    """Give a share of the theme reports (frames.themes) a short note in the owner's words."""
    rng = np.random.default_rng([seed, SALT])
    themes = frames.themes.reset_index(drop=True)
    services = frames.services
    rows = themes["service"].to_numpy()
    noted = rng.random(len(themes)) < NOTE_RATE
    bilingual = (services["welsh_provision"] == "full").to_numpy()[rows]
    chosen, texts = _draw(rng, NOTES, themes["theme"], _bodies(services["sector"], rows), bilingual)
    # a categorical: half a million notes drawn from a few dozen texts stay a few dozen strings
    themes["note"] = pd.Categorical.from_codes(
        np.where(noted, chosen, -1), categories=pd.Index(texts, dtype=object)
    )
    frames.themes = themes


def write_owners_answers(
    session: Session, seed: int, frames: CatalogueFrames, service_ids: np.ndarray
) -> None:
    """Put the owners' own words into the generalist survey's long answers that the drawn
    responses reached; a share of owners leave them blank (the answer is removed)."""
    rng = np.random.default_rng([seed, SALT + 1])
    found = session.exec(
        select(SurveyAnswer.response_id, SurveyAnswer.question_id, SurveyQuestion.code)
        .join(SurveyQuestion, col(SurveyQuestion.id) == col(SurveyAnswer.question_id))
        .join(SurveySection, col(SurveySection.id) == col(SurveyQuestion.section_id))
        .join(SurveyInstrument, col(SurveyInstrument.id) == col(SurveySection.instrument_id))
        .where(col(SurveyInstrument.code) == "generalist")
        .where(col(SurveyQuestion.code).in_({question for question, _, _, _ in ANSWERS}))
        .order_by(col(SurveyAnswer.response_id), col(SurveyAnswer.question_id))
    ).all()
    if not found:
        return
    services = dict(
        session.exec(
            select(SurveyResponse.id, SurveyResponse.service_id).where(
                col(SurveyResponse.id).in_({response for response, _, _ in found})
            )
        ).all()
    )
    row_of = {int(service_id): row for row, service_id in enumerate(service_ids)}
    rows = np.asarray([row_of[services[response]] for response, _, _ in found], dtype=np.int64)
    bilingual = (frames.services["welsh_provision"] == "full").to_numpy()[rows]
    chosen, pool = _draw(
        rng,
        ANSWERS,
        pd.Series([code for _, _, code in found], dtype=object),
        _bodies(frames.services["sector"], rows),
        bilingual,
    )
    texts = [pool[code] if code >= 0 else None for code in chosen]
    answered = rng.random(len(found)) < ANSWER_RATE
    for (response, question, _), text, keep in zip(found, texts, answered, strict=True):
        where = (col(SurveyAnswer.response_id) == response) & (
            col(SurveyAnswer.question_id) == question
        )
        if keep and isinstance(text, str):
            session.execute(update(SurveyAnswer).where(where).values(value=text))
        else:
            session.execute(delete(SurveyAnswer).where(where))
    session.flush()
