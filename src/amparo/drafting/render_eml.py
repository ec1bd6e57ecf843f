"""A complete RFC 5322 message, ready to open in a mail client (Amparo never sends it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, time
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from amparo.drafting.document import Document
from amparo.drafting.render_text import render_txt
from amparo.model.errors import ConsentRefused, InvalidInput, Message, Problem

#: (file name, media type, content) of one evidence file the caller chose to attach.
FileToAttach = tuple[str, str, bytes]


def _display(name: str) -> str:
    """A display name that folds safely: none when it holds address punctuation."""
    return "" if re.search(r'[",;:<>()@\\\[\]]', name) else name


def render_eml(doc: Document, attachments: Sequence[FileToAttach] = ()) -> bytes:
    """The letter as an email: From (the writer's profile), To and Cc (as the knowledge
    base gives them for the action), Subject, Date (the writer's time, never after now),
    the plain-text body and the chosen evidence.

    A header the sources give no value for is left out, never filled with a guess: the
    faces warn about it (``Document.warnings``) before the file is written.

    Each file must be one the Document lists under the same (redacted) file name and may
    be attached; a file that names a withheld person is refused, so that a caller cannot
    send what the draft withheld. Files are named with the Document's file name, never the
    caller's.
    """
    by_name = {a.filename: a for a in doc.attachments}
    msg = EmailMessage(policy=policy.SMTP)
    if doc.sender_email:
        msg["From"] = Address(_display(doc.signature[0] if doc.signature else ""), addr_spec=doc.sender_email)
    if doc.addressee.to:
        # A body's name often holds commas ("a clean, healthy and sustainable…"), which the
        # header folder can split into two addresses: the address alone is unambiguous.
        msg["To"] = doc.addressee.to
    if doc.addressee.cc:
        msg["Cc"] = ", ".join(doc.addressee.cc)
    msg["Subject"] = doc.subject
    moment = doc.sent_at or datetime.combine(doc.date, time(0, 0), tzinfo=UTC)
    msg["Date"] = format_datetime(moment)
    # Mail clients (Outlook, Thunderbird) open a message with this header as a draft.
    msg["X-Unsent"] = "1"
    msg.set_content(render_txt(doc).decode("utf-8"), subtype="plain", charset="utf-8")
    msg["Content-Language"] = doc.language  # after set_content, which clears Content-*
    for i, (filename, media_type, data) in enumerate(attachments):
        listed = by_name.get(filename)
        if listed is None:
            raise InvalidInput(Problem(f"attachments[{i}]",
                                       Message("is not one of the files the draft lists")))
        if not listed.attach:
            raise ConsentRefused(
                Message("attachments[{i}] ({evidence_id}) names a person whose consent does "
                        "not allow this letter to identify them; it stays listed, not attached",
                        i=i, evidence_id=listed.evidence_id))
        maintype, _, subtype = (media_type or listed.media_type).partition("/")
        msg.add_attachment(data, maintype=maintype or "application",
                           subtype=subtype or "octet-stream", filename=listed.filename)
    return msg.as_bytes()
