"""The service layer: the one API that the CLI and the web call.

The faces import ``amparo.service`` and nothing inside it (tests/test_architecture.py):
everything they use is named here. Names are resolved lazily, because every command
imports this package and must not pull in the store, SQLAlchemy or the knowledge base
before it needs them (``amparo case --help`` answers in a few tens of milliseconds).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from amparo.service.backups import (
        BACKUP_COMMAND,
        REMIND_AFTER,
        WHAT_A_BACKUP_IS,
        WHAT_A_SERVER_BACKUP_IS,
        BackupSummary,
        DatabaseNotEmpty,
        backup_backend,
        restore_backup,
        restore_backup_to_server,
        verify_backup,
        verify_server_backup,
    )
    from amparo.service.cases import read_facts
    from amparo.service.consent import SHEET_FORMATS, ConsentSheetFile, check_consent, make_consent_sheet
    from amparo.service.context import CALENDAR_FILE, KNOWLEDGE_DIR, Actor, Context
    from amparo.service.demo import populate_demo
    from amparo.service.drafts import Draft, draft_formats, draft_languages, make_draft
    from amparo.service.errors import (
        BackupDamaged,
        NoRecoveryCode,
        ShareRefused,
        VaultBusy,
        VaultExists,
        VaultNotFound,
        WrongPassphrase,
        say,
    )
    from amparo.service.followup import OUTCOMES, STATUSES, DueItem, deadline_title
    from amparo.service.knowledge import check_knowledge, knowledge_base, vault_overrides
    from amparo.service.labels import Labels, labels_for
    from amparo.service.output_files import check_output, write_file, write_folder
    from amparo.service.own_account import change_password_from_the_command_line
    from amparo.service.paths import (
        PASSPHRASE_FILE_ENV,
        VAULT_ENV,
        PassphraseUnavailable,
        passphrase_file,
        read_passphrase_file,
        vault_exists,
        vault_path,
    )
    from amparo.service.people import NewAccount
    from amparo.service.plans import plan_case
    from amparo.service.policy import ROLES, AccessDenied
    from amparo.service.profile import profile_fields
    from amparo.service.reports import CONTRIBUTION_FORMATS, parse_day
    from amparo.service.security_notes import WHAT_A_RECOVERY_CODE_IS, WHAT_A_REKEY_PROTECTS
    from amparo.service.session_items import KeptDraft, SessionShelf
    from amparo.service.sign_in import SignInRefused
    from amparo.service.team import (
        DB_ENV,
        ORG_KEY_FILE_ENV,
        USER_ENV,
        init_server,
        issue_token,
        open_team_workspace,
        open_token_workspace,
        read_block,
        upgrade_server,
    )
    from amparo.service.workspace import Workspace

#: name -> the module of amparo.service that defines it.
_WHERE: dict[str, str] = {
    "Workspace": "workspace",
    "Context": "context", "Actor": "context", "KNOWLEDGE_DIR": "context", "CALENDAR_FILE": "context",
    "read_facts": "cases",
    "BackupSummary": "backups", "BACKUP_COMMAND": "backups", "REMIND_AFTER": "backups",
    "WHAT_A_BACKUP_IS": "backups", "WHAT_A_SERVER_BACKUP_IS": "backups",
    "restore_backup": "backups", "verify_backup": "backups", "BackupDamaged": "errors",
    "DatabaseNotEmpty": "backups", "backup_backend": "backups", "restore_backup_to_server": "backups",
    "verify_server_backup": "backups",
    "SHEET_FORMATS": "consent", "ConsentSheetFile": "consent", "check_consent": "consent",
    "make_consent_sheet": "consent",
    "plan_case": "plans",
    "profile_fields": "profile",
    "Draft": "drafts", "make_draft": "drafts", "draft_formats": "drafts", "draft_languages": "drafts",
    "DueItem": "followup", "deadline_title": "followup", "OUTCOMES": "followup", "STATUSES": "followup",
    "CONTRIBUTION_FORMATS": "reports", "parse_day": "reports",
    "check_knowledge": "knowledge", "knowledge_base": "knowledge", "vault_overrides": "knowledge",
    "populate_demo": "demo",
    "Labels": "labels", "labels_for": "labels",
    "check_output": "output_files", "write_file": "output_files", "write_folder": "output_files",
    "VAULT_ENV": "paths", "PASSPHRASE_FILE_ENV": "paths", "PassphraseUnavailable": "paths",
    "passphrase_file": "paths", "read_passphrase_file": "paths", "vault_exists": "paths", "vault_path": "paths",
    "WHAT_A_REKEY_PROTECTS": "security_notes", "WHAT_A_RECOVERY_CODE_IS": "security_notes",
    "NoRecoveryCode": "errors", "ShareRefused": "errors",
    "NewAccount": "people", "ROLES": "policy", "AccessDenied": "policy", "SignInRefused": "sign_in",
    "DB_ENV": "team", "ORG_KEY_FILE_ENV": "team", "USER_ENV": "team", "init_server": "team",
    "open_team_workspace": "team", "upgrade_server": "team", "issue_token": "team",
    "open_token_workspace": "team", "TeamServer": "team", "shown_url": "team", "read_block": "team",
    "change_password_from_the_command_line": "own_account",
    "SessionShelf": "session_items", "KeptDraft": "session_items",
    "VaultBusy": "errors", "VaultExists": "errors", "VaultNotFound": "errors", "WrongPassphrase": "errors",
    "say": "errors",
}

__all__ = [
    "BACKUP_COMMAND",
    "CALENDAR_FILE",
    "CONTRIBUTION_FORMATS",
    "DB_ENV",
    "KNOWLEDGE_DIR",
    "ORG_KEY_FILE_ENV",
    "OUTCOMES",
    "PASSPHRASE_FILE_ENV",
    "REMIND_AFTER",
    "ROLES",
    "SHEET_FORMATS",
    "STATUSES",
    "USER_ENV",
    "VAULT_ENV",
    "WHAT_A_BACKUP_IS",
    "WHAT_A_RECOVERY_CODE_IS",
    "WHAT_A_REKEY_PROTECTS",
    "WHAT_A_SERVER_BACKUP_IS",
    "AccessDenied",
    "Actor",
    "BackupDamaged",
    "BackupSummary",
    "ConsentSheetFile",
    "Context",
    "DatabaseNotEmpty",
    "Draft",
    "DueItem",
    "KeptDraft",
    "Labels",
    "NewAccount",
    "NoRecoveryCode",
    "PassphraseUnavailable",
    "SessionShelf",
    "ShareRefused",
    "SignInRefused",
    "TeamServer",
    "VaultBusy",
    "VaultExists",
    "VaultNotFound",
    "Workspace",
    "WrongPassphrase",
    "backup_backend",
    "change_password_from_the_command_line",
    "check_consent",
    "check_knowledge",
    "check_output",
    "deadline_title",
    "draft_formats",
    "draft_languages",
    "init_server",
    "issue_token",
    "knowledge_base",
    "labels_for",
    "make_consent_sheet",
    "make_draft",
    "open_team_workspace",
    "open_token_workspace",
    "parse_day",
    "passphrase_file",
    "plan_case",
    "populate_demo",
    "profile_fields",
    "read_block",
    "read_facts",
    "read_passphrase_file",
    "restore_backup",
    "restore_backup_to_server",
    "say",
    "shown_url",
    "upgrade_server",
    "vault_exists",
    "vault_overrides",
    "vault_path",
    "verify_backup",
    "verify_server_backup",
    "write_file",
    "write_folder",
]


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'amparo.service' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"amparo.service.{where}"), name)
    globals()[name] = value  # resolved once
    return value
