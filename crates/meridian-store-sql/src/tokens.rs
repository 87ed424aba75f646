//! Personal API tokens, looked up by the hash of their secret together with their user in
//! one query, as sessions are.

use crate::users::rows::{corrupt, get, user_from_row, USER_COLUMNS};
use crate::{backend, SqlStore};
use async_trait::async_trait;
use meridian_domain::user::UserId;
use meridian_store::*;
use sqlx::any::AnyRow;

const TOKEN_COLUMNS: &str = "t.id AS t_id, t.user_id AS t_user_id, t.name AS t_name, \
     t.prefix AS t_prefix, t.created_at AS t_created_at, t.last_used_at AS t_last_used_at, \
     t.revoked_at AS t_revoked_at";

fn token_from_row(row: &AnyRow) -> StoreResult<ApiToken> {
    let user: String = get(row, "t_user_id")?;
    Ok(ApiToken {
        id: get(row, "t_id")?,
        user_id: user
            .parse()
            .map_err(|_| corrupt(format!("bad user id {user:?}")))?,
        name: get(row, "t_name")?,
        prefix: get(row, "t_prefix")?,
        created_at: get(row, "t_created_at")?,
        last_used_at: get(row, "t_last_used_at")?,
        revoked_at: get(row, "t_revoked_at")?,
    })
}

impl SqlStore {
    async fn token_of(&self, user: UserId, id: &str) -> StoreResult<ApiToken> {
        let sql =
            format!("SELECT {TOKEN_COLUMNS} FROM api_tokens t WHERE t.id = $1 AND t.user_id = $2");
        let row = sqlx::query(&sql)
            .bind(id.to_string())
            .bind(user.to_string())
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .ok_or_else(|| StoreError::UnknownToken(id.to_string()))?;
        token_from_row(&row)
    }
}

#[async_trait]
impl TokenStore for SqlStore {
    async fn create_token(&self, new: NewApiToken) -> StoreResult<ApiToken> {
        sqlx::query(
            "INSERT INTO api_tokens (id, user_id, name, prefix, hash, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(new.id.clone())
        .bind(new.user_id.to_string())
        .bind(new.name)
        .bind(new.prefix)
        .bind(new.hash)
        .bind(new.created_at)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        self.token_of(new.user_id, &new.id).await
    }

    async fn tokens_of(&self, user: UserId) -> StoreResult<Vec<ApiToken>> {
        let sql = format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens t WHERE t.user_id = $1 \
             ORDER BY t.created_at DESC, t.id"
        );
        sqlx::query(&sql)
            .bind(user.to_string())
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?
            .iter()
            .map(token_from_row)
            .collect()
    }

    async fn revoke_token(&self, user: UserId, id: &str, at: &str) -> StoreResult<ApiToken> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 \
             WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
        )
        .bind(at.to_string())
        .bind(id.to_string())
        .bind(user.to_string())
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        let token = self.token_of(user, id).await?;
        if done.rows_affected() == 0 && token.revoked_at.is_none() {
            return Err(StoreError::UnknownToken(id.to_string()));
        }
        Ok(token)
    }

    async fn token_by_hash(&self, hash: &str) -> StoreResult<Option<(ApiToken, User)>> {
        let user_columns: Vec<String> =
            USER_COLUMNS.split(", ").map(|c| format!("u.{c}")).collect();
        let sql = format!(
            "SELECT {TOKEN_COLUMNS}, {} FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.hash = $1 AND t.revoked_at IS NULL",
            user_columns.join(", ")
        );
        let row = sqlx::query(&sql)
            .bind(hash.to_string())
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some((token_from_row(&row)?, user_from_row(&row)?)))
    }

    async fn touch_token(&self, id: &str, at: &str) -> StoreResult<()> {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(at.to_string())
            .bind(id.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
