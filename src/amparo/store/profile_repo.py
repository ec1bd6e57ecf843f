"""The writer's profile: one row of the vault (``writer_profile``).

On a server the profile (the writer's name, organisation, contact details) is sealed under
the organisation data key (``fields.py``); a profile stored before that is read as it is
and sealed at its next change.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import datetime

import sqlalchemy as sa

from amparo.model.profile import WriterProfile
from amparo.store.records import Repository
from amparo.store.schema import writer_profile

_ROW = 1  # the vault has one writer
_COLUMN = "writer_profile.profile_json"


class ProfileRepository(Repository):
    """Read and replace the writer's profile; each change is audited with field names only."""

    def get(self) -> WriterProfile:
        """The stored profile, or an empty one when none was set."""
        with self._unit() as conn:
            raw = conn.execute(sa.select(writer_profile.c.profile_json)
                               .where(writer_profile.c.id == _ROW)).scalar()
        if raw is None:
            return WriterProfile()
        if self._store.fields is not None:
            raw = self._store.fields.open_org(_COLUMN, raw)
        known = {f.name for f in fields(WriterProfile)}
        return WriterProfile(**{k: v for k, v in json.loads(raw).items() if k in known})

    def put(self, profile: WriterProfile, *, changed: tuple[str, ...],
            now: datetime | None = None) -> WriterProfile:
        """Store ``profile``; ``changed`` names the fields set (the audit log keeps only those)."""
        at = self._store.now(now)
        data = json.dumps(asdict(profile), ensure_ascii=False, sort_keys=True)
        if self._store.fields is not None:
            data = self._store.fields.seal_org(_COLUMN, data)
        with self._unit() as conn:
            exists = conn.execute(sa.select(writer_profile.c.id).where(writer_profile.c.id == _ROW)).scalar()
            if exists is None:
                conn.execute(writer_profile.insert().values(id=_ROW, profile_json=data, updated_at=at))
            else:
                conn.execute(writer_profile.update().where(writer_profile.c.id == _ROW)
                             .values(profile_json=data, updated_at=at))
            # Field names, never values: the audit log holds ids and verbs only.
            self._store.audit.append(conn, [("profile.set", "profile", "/".join(changed) or "none")], at)
        return profile
