//! Users, reporting units and sessions. Checks that give a person-readable refusal
//! (name taken, unit missing) run inside the writing transaction, before the insert.

pub(crate) mod rows;

use crate::{backend, clock, SqlStore};
use async_trait::async_trait;
use meridian_domain::user::UserId;
use meridian_domain::{Problems, Reason, RecordId, RecordKind};
use meridian_store::*;
use rows::*;
use sqlx::{Any, Transaction};

type Tx = Transaction<'static, Any>;

async fn unit_exists(tx: &mut Tx, org: RecordId) -> StoreResult<bool> {
    Ok(sqlx::query("SELECT org_id FROM units WHERE org_id = $1")
        .bind(org.to_string())
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)?
        .is_some())
}

async fn fetch_user(tx: &mut Tx, id: UserId, for_update: &str) -> StoreResult<User> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1{for_update}");
    let row = sqlx::query(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::UnknownUser(id.to_string()))?;
    user_from_row(&row)
}

async fn insert_user(tx: &mut Tx, user: &User) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO users ({USER_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    );
    sqlx::query(&sql)
        .bind(user.id.to_string())
        .bind(user.name.clone())
        .bind(user.display_name.clone())
        .bind(user.role.as_str())
        .bind(user.unit.to_string())
        .bind(user.password_hash.clone())
        .bind(user.language.as_str())
        .bind(user.disabled_at.clone())
        .bind(user.failed_logins)
        .bind(user.locked_until.clone())
        .bind(user.last_login_at.clone())
        .bind(user.created_at.clone())
        .bind(user.updated_at.clone())
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    Ok(())
}

/// Refuses (before commit) an archive load that would leave a reporting unit without its
/// organization record.
pub(crate) async fn check_units_have_records(tx: &mut Tx) -> StoreResult<()> {
    let rows = sqlx::query(
        "SELECT org_id FROM units WHERE org_id NOT IN (SELECT id FROM records) ORDER BY org_id",
    )
    .fetch_all(&mut **tx)
    .await
    .map_err(backend)?;
    let mut problems = Problems::new();
    for row in rows {
        let org: String = get(&row, "org_id")?;
        problems.push("unit.org", Reason::MissingRecord { id: org });
    }
    problems
        .into_result()
        .map_err(|problems| StoreError::Invalid {
            record: "the archive (it lacks organizations that are reporting units)".into(),
            problems,
        })
}

/// A user with `change` applied (the store sets `updated_at`).
fn changed(user: User, change: UserChange, at: String) -> User {
    User {
        display_name: change.display_name.unwrap_or(user.display_name),
        role: change.role.unwrap_or(user.role),
        unit: change.unit.unwrap_or(user.unit),
        language: change.language.unwrap_or(user.language),
        disabled_at: change.disabled_at.unwrap_or(user.disabled_at),
        password_hash: change.password_hash.unwrap_or(user.password_hash),
        failed_logins: change.failed_logins.unwrap_or(user.failed_logins),
        locked_until: change.locked_until.unwrap_or(user.locked_until),
        last_login_at: change.last_login_at.unwrap_or(user.last_login_at),
        updated_at: at,
        ..user
    }
}

#[async_trait]
impl UserStore for SqlStore {
    async fn create_user(&self, new: NewUser) -> StoreResult<User> {
        let mut tx = self.begin_write().await?;
        if !unit_exists(&mut tx, new.unit).await? {
            return Err(StoreError::UnknownUnit { org: new.unit });
        }
        let taken = sqlx::query("SELECT id FROM users WHERE name = $1")
            .bind(new.name.clone())
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
        if taken.is_some() {
            return Err(StoreError::UserExists { name: new.name });
        }
        let at = clock::now();
        let user = User {
            id: UserId::new(),
            name: new.name,
            display_name: new.display_name,
            role: new.role,
            unit: new.unit,
            password_hash: new.password_hash,
            language: new.language,
            disabled_at: None,
            failed_logins: 0,
            locked_until: None,
            last_login_at: None,
            created_at: at.clone(),
            updated_at: at,
        };
        insert_user(&mut tx, &user).await?;
        tx.commit().await.map_err(backend)?;
        Ok(user)
    }

    async fn user(&self, id: UserId) -> StoreResult<User> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let user = fetch_user(&mut tx, id, "").await?;
        tx.commit().await.map_err(backend)?;
        Ok(user)
    }

    async fn user_by_name(&self, name: &str) -> StoreResult<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE name = $1");
        sqlx::query(&sql)
            .bind(name.to_string())
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .as_ref()
            .map(user_from_row)
            .transpose()
    }

    async fn list_users(&self) -> StoreResult<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY name");
        let rows = sqlx::query(&sql)
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(user_from_row).collect()
    }

    async fn update_user(&self, id: UserId, change: UserChange) -> StoreResult<User> {
        let mut tx = self.begin_write().await?;
        let current = fetch_user(&mut tx, id, self.dialect.for_update).await?;
        let next = changed(current.clone(), change, clock::now());
        if next.unit != current.unit && !unit_exists(&mut tx, next.unit).await? {
            return Err(StoreError::UnknownUnit { org: next.unit });
        }
        sqlx::query(
            "UPDATE users SET display_name = $1, role = $2, unit_id = $3, language = $4, \
             disabled_at = $5, password_hash = $6, failed_logins = $7, locked_until = $8, \
             last_login_at = $9, updated_at = $10 WHERE id = $11",
        )
        .bind(next.display_name.clone())
        .bind(next.role.as_str())
        .bind(next.unit.to_string())
        .bind(next.language.as_str())
        .bind(next.disabled_at.clone())
        .bind(next.password_hash.clone())
        .bind(next.failed_logins)
        .bind(next.locked_until.clone())
        .bind(next.last_login_at.clone())
        .bind(next.updated_at.clone())
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(next)
    }

    async fn record_failed_login(
        &self,
        id: UserId,
        lock_after: i64,
        locked_until: &str,
    ) -> StoreResult<User> {
        let mut tx = self.begin_write().await?;
        // Every right-hand side reads the row as it was, on both backends.
        sqlx::query(
            "UPDATE users SET \
             failed_logins = CASE WHEN failed_logins + 1 >= $1 THEN 0 ELSE failed_logins + 1 END, \
             locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END, \
             updated_at = $3 WHERE id = $4",
        )
        .bind(lock_after)
        .bind(locked_until.to_string())
        .bind(clock::now())
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        let user = fetch_user(&mut tx, id, "").await?;
        tx.commit().await.map_err(backend)?;
        Ok(user)
    }

    async fn add_unit(&self, new: NewUnit) -> StoreResult<Unit> {
        let mut tx = self.begin_write().await?;
        let record = self.fetch(&mut tx, new.org, false).await?;
        if record.kind() != RecordKind::Organization || record.is_deleted() {
            let mut problems = Problems::new();
            problems.push(
                "unit.org",
                Reason::WrongKind {
                    id: new.org.to_string(),
                    expected: RecordKind::Organization.as_str().into(),
                    found: record.kind().as_str().into(),
                },
            );
            return Err(StoreError::Invalid {
                record: format!("unit {}", new.org),
                problems,
            });
        }
        if unit_exists(&mut tx, new.org).await? {
            return Err(StoreError::UnitExists { org: new.org });
        }
        if let Some(parent) = new.parent {
            if !unit_exists(&mut tx, parent).await? {
                return Err(StoreError::UnknownUnit { org: parent });
            }
        }
        let unit = Unit {
            org: new.org,
            parent: new.parent,
            kind: new.kind,
            created_at: clock::now(),
        };
        let sql = format!("INSERT INTO units ({UNIT_COLUMNS}) VALUES ($1, $2, $3, $4)");
        sqlx::query(&sql)
            .bind(unit.org.to_string())
            .bind(unit.parent.map(|p| p.to_string()))
            .bind(unit.kind.as_str())
            .bind(unit.created_at.clone())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(unit)
    }

    async fn unit(&self, org: RecordId) -> StoreResult<Unit> {
        let sql = format!("SELECT {UNIT_COLUMNS} FROM units WHERE org_id = $1");
        let row = sqlx::query(&sql)
            .bind(org.to_string())
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .ok_or(StoreError::UnknownUnit { org })?;
        unit_from_row(&row)
    }

    async fn list_units(&self) -> StoreResult<Vec<Unit>> {
        let sql = format!("SELECT {UNIT_COLUMNS} FROM units ORDER BY created_at, org_id");
        let rows = sqlx::query(&sql)
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(unit_from_row).collect()
    }

    async fn unit_subtree(&self, org: RecordId) -> StoreResult<Vec<RecordId>> {
        // UNION (not UNION ALL) stops at rows already found, so even a cycle ends.
        let rows = sqlx::query(
            "WITH RECURSIVE tree (org_id) AS ( \
               SELECT org_id FROM units WHERE org_id = $1 \
               UNION SELECT u.org_id FROM units u JOIN tree t ON u.parent_id = t.org_id \
             ) SELECT org_id FROM tree",
        )
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let mut below = rows
            .iter()
            .map(|r| record_id(&get::<String>(r, "org_id")?))
            .collect::<StoreResult<Vec<_>>>()?;
        if below.is_empty() {
            return Err(StoreError::UnknownUnit { org });
        }
        below.retain(|u| *u != org);
        below.sort();
        below.insert(0, org);
        Ok(below)
    }

    async fn create_session(&self, s: SessionRecord) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (id, user_id, csrf, created_at, expires_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(s.id)
        .bind(s.user_id.to_string())
        .bind(s.csrf)
        .bind(s.created_at)
        .bind(s.expires_at)
        .bind(s.last_seen_at)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn session(&self, id: &str) -> StoreResult<Option<(SessionRecord, User)>> {
        let user_columns: Vec<String> =
            USER_COLUMNS.split(", ").map(|c| format!("u.{c}")).collect();
        let sql = format!(
            "SELECT {SESSION_COLUMNS}, {} FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.id = $1",
            user_columns.join(", ")
        );
        let row = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let user = user_from_row(&row)?;
        Ok(Some((session_from_row(&row, user.id)?, user)))
    }

    async fn touch_session(
        &self,
        id: &str,
        last_seen_at: &str,
        expires_at: &str,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id = $3")
            .bind(last_seen_at.to_string())
            .bind(expires_at.to_string())
            .bind(id.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn delete_session(&self, id: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn delete_user_sessions(&self, user: UserId) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(done.rows_affected())
    }

    async fn delete_expired_sessions(&self, now: &str) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(done.rows_affected())
    }
}
