"""Relative parties of process steps that name no one for some Responsible role.

``@supervisor`` names no one for the top role, ``@unit-head`` no one for a role whose
unit has no ``head``. As the Accountable, that leaves the role's row without one
(DUT002); as a Consulted or Informed party it is a reference to nothing (DUT003). A
supervisor, unit or head that is written but unknown is reported where it is written
(ORG001, ORG005, ORG006), not again here.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Subject
from ..i18n import Message
from ..model.entities import Org, Process, Step
from ..model.relative import SUPERVISOR, TOKENS, is_relative, resolve
from .registry import Finding


def unresolved(org: Org, process: Process, step: Step, key: str) -> Iterator[Finding]:
    """A finding for each Responsible role for which a relative party of ``key`` names no one."""
    if not is_relative(step):
        return
    parties = getattr(step, key)
    subject = Subject("process", process.id)
    for index, party in enumerate(parties):
        if party not in TOKENS:
            continue
        for role_id in dict.fromkeys(step.responsible):
            role = org.roles.get(role_id)
            if role is None or resolve(org, party, role_id) is not None:
                continue
            if party == SUPERVISOR:
                if not role.top:
                    continue  # a reports_to the schema rejected: reported there (E102)
                reason = Message("relative.top-role", role=role_id)
                hint = Message("relative.top-role.hint", key=key, role=role_id)
            elif role.unit is None or role.unit not in org.units or role.unit in org.unreadable:
                continue  # no unit, or an unknown one: reported on the role
            else:
                reason = Message("relative.no-head", role=role_id, unit=role.unit)
                hint = Message("relative.no-head.hint", key=key, unit=role.unit)
            if key == "accountable":
                message = Message("DUT002.relative", step=step.ref, token=party, role=role_id, reason=reason)
            else:
                message = Message(
                    "DUT003.relative", step=step.ref, key=key, token=party, role=role_id, reason=reason
                )
            yield Finding(message, step.src.at(key, index), hint, subject)
