//! Managing users and reporting units: adding, listing, disabling, resetting passwords,
//! and finding an organization by id, name or acronym. Callers check
//! `Principal::can_manage_users` first; the CLI is the operator and needs no check.

use super::password;
use crate::{App, AppError, AppResult};
use meridian_domain::user::{check_display_name, check_password, Role, UnitKind, UserId, UserName};
use meridian_domain::{Lang, LocalizedText, Problems, Reason, RecordBody, RecordId, RecordKind};
use meridian_store::{ListQuery, NewUnit, NewUser, StoreError, User, UserChange};
use std::collections::BTreeMap;

/// A user to add. The password is passed beside it, never stored in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddUser {
    pub name: String,
    pub display_name: Option<String>,
    pub role: Role,
    /// The reporting unit (an organization record id).
    pub unit: RecordId,
    pub language: Lang,
}

/// Changes to a user's access or preferences; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserEdit {
    pub display_name: Option<Option<String>>,
    pub role: Option<Role>,
    pub unit: Option<RecordId>,
    pub language: Option<Lang>,
}

/// A user as front ends see them: no password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInfo {
    pub id: UserId,
    pub name: String,
    pub display_name: Option<String>,
    pub role: Role,
    pub unit: RecordId,
    pub unit_name: LocalizedText,
    pub language: Lang,
    pub disabled_at: Option<String>,
    pub locked_until: Option<String>,
    pub last_login_at: Option<String>,
    pub created_at: String,
}

/// A reporting unit with its organization's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitInfo {
    pub org: RecordId,
    pub name: LocalizedText,
    pub kind: UnitKind,
    pub parent: Option<RecordId>,
    pub created_at: String,
}

fn blank_to_none(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

fn info(user: User, unit_name: LocalizedText) -> UserInfo {
    UserInfo {
        id: user.id,
        name: user.name,
        display_name: user.display_name,
        role: user.role,
        unit: user.unit,
        unit_name,
        language: user.language,
        disabled_at: user.disabled_at,
        locked_until: user.locked_until,
        last_login_at: user.last_login_at,
        created_at: user.created_at,
    }
}

fn invalid(record: String, problems: Problems) -> AppError {
    AppError::Invalid { record, problems }
}

/// How `text` names an organization: its name in either language or an acronym.
fn names_match(body: &RecordBody, text: &str) -> bool {
    let RecordBody::Organization(org) = body else {
        return false;
    };
    let eq = |s: &str| s.trim().to_lowercase() == text.to_lowercase();
    [&org.name.zh, &org.name.en]
        .into_iter()
        .flatten()
        .any(|n| eq(n))
        || org.acronyms.iter().any(|a| eq(a))
}

impl App {
    async fn user_named(&self, name: &str) -> AppResult<User> {
        let key = name.trim().to_lowercase();
        self.store
            .user_by_name(&key)
            .await?
            .ok_or_else(|| StoreError::UnknownUser(key).into())
    }

    async fn organization_name(&self, org: RecordId) -> AppResult<LocalizedText> {
        match self.store.get(org).await {
            Ok(record) => Ok(record.body.title()),
            Err(StoreError::NotFound { .. }) => Ok(LocalizedText::default()),
            Err(e) => Err(e.into()),
        }
    }

    async fn user_info(&self, user: User) -> AppResult<UserInfo> {
        let unit_name = self.organization_name(user.unit).await?;
        Ok(info(user, unit_name))
    }

    /// Adds a user after checking every field at once (name, display name, password, and
    /// that the unit is a reporting unit).
    pub async fn add_user(&self, new: AddUser, password: &str) -> AppResult<UserInfo> {
        let mut problems = Problems::new();
        let name = UserName::parse(&new.name)
            .map_err(|p| problems.extend(p))
            .ok();
        let display_name = blank_to_none(new.display_name);
        problems.extend(check_display_name(display_name.as_deref()));
        problems.extend(check_password(password));
        match self.store.unit(new.unit).await {
            Ok(_) => {}
            Err(StoreError::UnknownUnit { .. }) => problems.push(
                "user.unit",
                Reason::NotAUnit {
                    id: new.unit.to_string(),
                },
            ),
            Err(e) => return Err(e.into()),
        }
        let record = format!("user {:?}", new.name.trim());
        let Some(name) = name.filter(|_| problems.is_empty()) else {
            return Err(invalid(record, problems));
        };
        let user = self
            .store
            .create_user(NewUser {
                name: name.as_str().to_string(),
                display_name,
                role: new.role,
                unit: new.unit,
                password_hash: password::hash(password).await?,
                language: new.language,
            })
            .await?;
        tracing::info!(name = user.name, role = %user.role, "user added");
        self.user_info(user).await
    }

    /// Every user, by name.
    pub async fn list_users(&self) -> AppResult<Vec<UserInfo>> {
        let mut names: BTreeMap<RecordId, LocalizedText> = BTreeMap::new();
        let mut out = Vec::new();
        for user in self.store.list_users().await? {
            let unit_name = match names.get(&user.unit) {
                Some(name) => name.clone(),
                None => {
                    let name = self.organization_name(user.unit).await?;
                    names.insert(user.unit, name.clone());
                    name
                }
            };
            out.push(info(user, unit_name));
        }
        Ok(out)
    }

    pub async fn user_by_name(&self, name: &str) -> AppResult<UserInfo> {
        let user = self.user_named(name).await?;
        self.user_info(user).await
    }

    /// Disables a user and ends all their sessions. Disabling twice changes nothing.
    pub async fn disable_user(&self, name: &str) -> AppResult<UserInfo> {
        let user = self.user_named(name).await?;
        let user = match user.disabled_at {
            Some(_) => user,
            None => {
                let at = super::clock::stamp(self.auth.clock.now());
                let change = UserChange {
                    disabled_at: Some(Some(at)),
                    ..UserChange::default()
                };
                self.store.update_user(user.id, change).await?
            }
        };
        self.store.delete_user_sessions(user.id).await?;
        tracing::info!(name = user.name, "user disabled");
        self.user_info(user).await
    }

    /// Lets a disabled user sign in again.
    pub async fn enable_user(&self, name: &str) -> AppResult<UserInfo> {
        let user = self.user_named(name).await?;
        let change = UserChange {
            disabled_at: Some(None),
            ..UserChange::default()
        };
        let user = self.store.update_user(user.id, change).await?;
        self.user_info(user).await
    }

    /// Sets a new password (the operator's or admin's reset): clears a lockout and ends
    /// the user's sessions.
    pub async fn reset_password(&self, name: &str, password: &str) -> AppResult<UserInfo> {
        let user = self.user_named(name).await?;
        check_password(password)
            .into_result()
            .map_err(|p| invalid(format!("the password of {}", user.name), p))?;
        let change = UserChange {
            password_hash: Some(password::hash(password).await?),
            failed_logins: Some(0),
            locked_until: Some(None),
            ..UserChange::default()
        };
        let user = self.store.update_user(user.id, change).await?;
        self.store.delete_user_sessions(user.id).await?;
        tracing::info!(name = user.name, "password reset");
        self.user_info(user).await
    }

    /// Changes a user's role, unit, display name or language. Takes effect on their next
    /// request, since principals are built per request.
    pub async fn update_user(&self, name: &str, edit: UserEdit) -> AppResult<UserInfo> {
        let user = self.user_named(name).await?;
        let display_name = edit.display_name.map(blank_to_none);
        let mut problems = check_display_name(display_name.clone().flatten().as_deref());
        if let Some(unit) = edit.unit {
            if let Err(StoreError::UnknownUnit { .. }) = self.store.unit(unit).await {
                let id = unit.to_string();
                problems.push("user.unit", Reason::NotAUnit { id });
            }
        }
        problems
            .into_result()
            .map_err(|p| invalid(format!("user {}", user.name), p))?;
        let change = UserChange {
            display_name,
            role: edit.role,
            unit: edit.unit,
            language: edit.language,
            ..UserChange::default()
        };
        let user = self.store.update_user(user.id, change).await?;
        self.user_info(user).await
    }

    /// Makes an organization a reporting unit. A parent must be an administration.
    pub async fn add_unit(
        &self,
        org: RecordId,
        kind: UnitKind,
        parent: Option<RecordId>,
    ) -> AppResult<UnitInfo> {
        if let Some(parent) = parent {
            let above = self.store.unit(parent).await?;
            if above.kind != UnitKind::Administration {
                let mut problems = Problems::new();
                let found = above.kind.as_str().into();
                let expected = UnitKind::Administration.as_str().into();
                let id = parent.to_string();
                problems.push(
                    "unit.parent",
                    Reason::WrongKind {
                        id,
                        expected,
                        found,
                    },
                );
                return Err(invalid(format!("unit {org}"), problems));
            }
        }
        let unit = self.store.add_unit(NewUnit { org, parent, kind }).await?;
        Ok(UnitInfo {
            org: unit.org,
            name: self.organization_name(unit.org).await?,
            kind: unit.kind,
            parent: unit.parent,
            created_at: unit.created_at,
        })
    }

    /// Every reporting unit, in the order they were added.
    pub async fn list_units(&self) -> AppResult<Vec<UnitInfo>> {
        let mut out = Vec::new();
        for unit in self.store.list_units().await? {
            out.push(UnitInfo {
                org: unit.org,
                name: self.organization_name(unit.org).await?,
                kind: unit.kind,
                parent: unit.parent,
                created_at: unit.created_at,
            });
        }
        Ok(out)
    }

    /// The organization `text` names: its record id, or exactly its Chinese or English
    /// name or one of its acronyms (letter case aside). Trashed organizations don't count.
    pub async fn find_organization(&self, text: &str) -> AppResult<RecordId> {
        let text = text.trim();
        if let Ok(id) = text.parse::<RecordId>() {
            let record = self.get(RecordKind::Organization, id).await?;
            if record.is_deleted() {
                return Err(StoreError::InTrash {
                    kind: RecordKind::Organization,
                    id,
                }
                .into());
            }
            return Ok(id);
        }
        let query = ListQuery {
            limit: u32::MAX,
            ..ListQuery::kind(RecordKind::Organization)
        };
        let found: Vec<_> = (self.store.list(&query).await?.items.into_iter())
            .filter(|r| names_match(&r.body, text))
            .collect();
        match found.as_slice() {
            [one] => Ok(one.id),
            [] => Err(AppError::UnknownOrganization {
                text: text.to_string(),
            }),
            many => Err(AppError::AmbiguousOrganization {
                text: text.to_string(),
                candidates: many.iter().map(|r| r.id.to_string()).collect(),
            }),
        }
    }
}
