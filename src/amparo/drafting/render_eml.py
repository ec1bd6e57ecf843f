"""A complete RFC 5322 message, ready to open in a mail client (Amparo never sends it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

from amparo.drafting.document import Document
from amparo.drafting.render_text import render_txt
from amparo.model.errors import ConsentRefused, InvalidInput, Problem

#: (file name, media type, content) of one evidence file the caller chose to attach.
FileToAttach = tuple[str, str, bytes]


def render_eml(doc: Document, attachments: Sequence[FileToAttach] = ()) -> bytes:
    """The letter as an email: To (when the knowledge base gives an address), Subject,
    Date, the plain-text body and the chosen evidence.

    Each file must be one the Document lists under the same (redacted) file name and may
    be attached; a file that names a withheld person is refused, so that a caller cannot
    send what the draft withheld. Files are named with the Document's file name, never the
    caller's.
    """
    by_name = {a.filename: a for a in doc.attachments}
    msg = EmailMessage(policy=policy.SMTP)
    if doc.addressee.email:
        msg["To"] = doc.addressee.email
    else:
        # No invented address: the person sending fills it in from the channels listed.
        msg["X-Amparo-Note"] = "no email address in the knowledge base for " + doc.addressee.avenue_id
    msg["Subject"] = doc.subject
    msg["Date"] = format_datetime(datetime.combine(doc.date, time(12, 0), tzinfo=UTC))
    # Mail clients (Outlook, Thunderbird) open a message with this header as a draft.
    msg["X-Unsent"] = "1"
    msg.set_content(render_txt(doc).decode("utf-8"), subtype="plain", charset="utf-8")
    msg["Content-Language"] = doc.language  # after set_content, which clears Content-*
    for i, (filename, media_type, data) in enumerate(attachments):
        listed = by_name.get(filename)
        if listed is None:
            raise InvalidInput(Problem(f"attachments[{i}]",
                                       "is not one of the files the draft lists"))
        if not listed.attach:
            raise ConsentRefused(
                f"attachments[{i}] ({listed.evidence_id}) names a person whose consent does "
                "not allow this letter to identify them; it stays listed, not attached")
        maintype, _, subtype = (media_type or listed.media_type).partition("/")
        msg.add_attachment(data, maintype=maintype or "application",
                           subtype=subtype or "octet-stream", filename=listed.filename)
    return msg.as_bytes()
