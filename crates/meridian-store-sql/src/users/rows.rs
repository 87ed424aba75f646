//! Reading user, unit and session rows.

use meridian_domain::user::{Role, UnitKind, UserId};
use meridian_domain::{Lang, RecordId};
use meridian_store::*;
use sqlx::any::AnyRow;
use sqlx::{Any, Row};

pub(crate) const USER_COLUMNS: &str =
    "id, name, display_name, role, unit_id, password_hash, language, \
     disabled_at, failed_logins, locked_until, last_login_at, created_at, updated_at";
pub(crate) const UNIT_COLUMNS: &str = "org_id, parent_id, kind, created_at";
pub(crate) const SESSION_COLUMNS: &str =
    "s.id AS s_id, s.csrf AS s_csrf, s.created_at AS s_created_at, \
     s.expires_at AS s_expires_at, s.last_seen_at AS s_last_seen_at";

pub(crate) fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

pub(crate) fn get<'r, T: sqlx::Decode<'r, Any> + sqlx::Type<Any>>(
    row: &'r AnyRow,
    column: &str,
) -> StoreResult<T> {
    row.try_get(column)
        .map_err(|e| corrupt(format!("column {column}: {e}")))
}

pub(crate) fn record_id(text: &str) -> StoreResult<RecordId> {
    text.parse()
        .map_err(|_| corrupt(format!("bad id {text:?}")))
}

pub(crate) fn user_from_row(row: &AnyRow) -> StoreResult<User> {
    let id: String = get(row, "id")?;
    let role: String = get(row, "role")?;
    let language: String = get(row, "language")?;
    Ok(User {
        id: id
            .parse()
            .map_err(|_| corrupt(format!("bad user id {id:?}")))?,
        name: get(row, "name")?,
        display_name: get(row, "display_name")?,
        role: Role::parse(&role).ok_or_else(|| corrupt(format!("unknown role {role:?}")))?,
        unit: record_id(&get::<String>(row, "unit_id")?)?,
        password_hash: get(row, "password_hash")?,
        language: Lang::parse(&language)
            .ok_or_else(|| corrupt(format!("unknown language {language:?}")))?,
        disabled_at: get(row, "disabled_at")?,
        failed_logins: get(row, "failed_logins")?,
        locked_until: get(row, "locked_until")?,
        last_login_at: get(row, "last_login_at")?,
        created_at: get(row, "created_at")?,
        updated_at: get(row, "updated_at")?,
    })
}

pub(crate) fn unit_from_row(row: &AnyRow) -> StoreResult<Unit> {
    let kind: String = get(row, "kind")?;
    Ok(Unit {
        org: record_id(&get::<String>(row, "org_id")?)?,
        parent: get::<Option<String>>(row, "parent_id")?
            .map(|p| record_id(&p))
            .transpose()?,
        kind: UnitKind::parse(&kind)
            .ok_or_else(|| corrupt(format!("unknown unit kind {kind:?}")))?,
        created_at: get(row, "created_at")?,
    })
}

pub(crate) fn session_from_row(row: &AnyRow, user_id: UserId) -> StoreResult<SessionRecord> {
    Ok(SessionRecord {
        id: get(row, "s_id")?,
        user_id,
        csrf: get(row, "s_csrf")?,
        created_at: get(row, "s_created_at")?,
        expires_at: get(row, "s_expires_at")?,
        last_seen_at: get(row, "s_last_seen_at")?,
    })
}
