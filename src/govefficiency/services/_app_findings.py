"""The findings of applications: those that follow from the lights (deemed acceptance, late
decisions, yellow and red lights, unknown items) and those that need no clock (first contact,
one-time notice, A/B cover)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from govefficiency._time import local_date
from govefficiency.citation import Citation
from govefficiency.findings import Finding, FindingCode
from govefficiency.services import _codes as codes
from govefficiency.services._applications import (
    ApplicationRegister,
)
from govefficiency.services._catalogue import Catalogue
from govefficiency.services._lights import ApplicationStatus, Light


def _cited(code: FindingCode, citation: Citation, subject: str, **params: Any) -> Finding:
    found: Finding = attrs.evolve(code(subject, **params), citation=citation)
    return found


def _status_findings(statuses: Iterable[ApplicationStatus], catalogue: Catalogue) -> list[Finding]:
    """The findings that follow from the lights: deemed acceptance, late decisions, yellow
    and red lights, unknown items, undetermined limits."""
    out: list[Finding] = []
    by_id = catalogue._by_id
    for s in statuses:
        app_id = s.application
        item = by_id.get(s.item)
        if item is None:
            out.append(codes.UNKNOWN_ITEM(app_id, s.item, app=app_id, item=s.item))
            continue
        if s.deemed:
            out.append(
                codes.ACCEPTANCE_NOTICE_LATE(app_id, app=app_id, received=s.received, due=s.notice_due)
            )
        light = s.light
        if light is Light.DONE and s.decided is not None:
            if s.statutory_due is not None and s.decided > s.statutory_due:
                citation = catalogue.rules.get(item.rule).citation
                out.append(
                    _cited(
                        codes.DECIDED_AFTER_STATUTE,
                        citation,
                        app_id,
                        app=app_id,
                        decided=s.decided,
                        due=s.statutory_due,
                    )
                )
            elif s.committed_due is not None and s.decided > s.committed_due:
                out.append(
                    codes.DECIDED_AFTER_COMMITMENT(app_id, app=app_id, decided=s.decided, due=s.committed_due)
                )
        elif light is Light.RED:
            citation = catalogue.rules.get(item.rule).citation
            out.append(_cited(codes.OPEN_PAST_STATUTE, citation, app_id, app=app_id, due=s.statutory_due))
        elif light is Light.YELLOW:
            out.append(codes.OPEN_PAST_COMMITMENT(app_id, app=app_id, due=s.committed_due))
        elif light is Light.UNDETERMINED and s.reason is not None and s.rejected:
            citation = catalogue.rules.get(item.rule).citation
            out.append(
                _cited(
                    codes.EVENTS_NOT_ALLOWED,
                    citation,
                    app_id,
                    app=app_id,
                    why=s.reason.zh,
                    why_en=s.reason.en,
                )
            )
        elif light is Light.UNDETERMINED and s.reason is not None:
            out.append(
                codes.UNDETERMINED_LIMIT(
                    app_id,
                    app=app_id,
                    which="办理时限",
                    which_en="handling limits",
                    why=s.reason.zh,
                    why_en=s.reason.en,
                )
            )
    return out


def _board_findings(
    statuses: tuple[ApplicationStatus, ...],
    register: ApplicationRegister,
    catalogue: Catalogue,
    at: dt.datetime,
    zone: str,
) -> list[Finding]:
    return _status_findings(statuses, catalogue) + _record_findings(register, catalogue, at, zone)


def _record_findings(
    register: ApplicationRegister, catalogue: Catalogue, at: dt.datetime, zone: str
) -> list[Finding]:
    """First contact, one-time notice and A/B cover: findings that need no clock."""
    out: list[Finding] = []
    for original in register.applications:
        app = original.as_of(at=at)
        if app.received > at:
            continue
        item = catalogue._by_id.get(app.item)
        if item is None:
            continue
        fc = app.first_contact
        competent = item.competent_unit
        if competent is not None and fc.unit != competent:
            if app.referral is None:
                out.append(
                    codes.FIRST_CONTACT_NOT_ROUTED(
                        app.id, fc.officer, app=app.id, officer=fc.officer, unit=fc.unit, competent=competent
                    )
                )
            elif app.referral.to != competent:
                out.append(
                    codes.REFERRED_TO_WRONG_UNIT(
                        app.id,
                        fc.officer,
                        app=app.id,
                        officer=fc.officer,
                        to=app.referral.to,
                        competent=competent,
                    )
                )
        if len(app.corrections) > 1:
            already = set(item.materials) - set(app.submitted)
            first = set(app.corrections[0].missing)
            for n, notice in enumerate(app.corrections[1:], 2):
                bad = [m for m in notice.missing if m in already and m not in first]
                if bad:
                    out.append(
                        codes.CORRECTION_NOT_ONE_TIME(
                            app.id, app=app.id, n=n, at=notice.at.isoformat(), materials=", ".join(bad)
                        )
                    )
        post = None if item.post is None else catalogue.post(item.post)
        if post is not None:
            day = local_date(app.received, zone)
            if register.is_absent(post.a_officer, day):
                acted = app.handled_by or fc.officer
                if post.b_officer is None or acted != post.b_officer:
                    out.append(
                        codes.NO_BACKUP_COVER(
                            app.id,
                            post.id,
                            app=app.id,
                            day=day.isoformat(),
                            post=post.id,
                            a=post.a_officer,
                            acted=acted,
                            b=post.b_officer or "—",
                        )
                    )
    return out
