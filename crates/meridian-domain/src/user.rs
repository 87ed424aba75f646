//! Users, roles and reporting units, and the authorization rules as pure functions: who
//! may read, edit, create and approve which records, and who may manage users.
//!
//! The rules (see `Principal`):
//! - Every signed-in user reads approved records. Other records (draft, submitted,
//!   archived) are read by the admin and by anyone whose scope holds the record's unit.
//!   A user's scope is their own unit and every unit below it, so administrations read
//!   everything in the units below them.
//! - Editors and approvers edit (and create) records of their **own unit only**: an
//!   editor in an administration edits the administration's records, not those of the
//!   units below it, which those units keep themselves. Approvers may edit too, so they
//!   can correct a submission instead of bouncing it back.
//! - Approvers approve records of any unit in their scope: an administration's approver
//!   approves what the units below it submit.
//! - Viewers only read. The admin does everything, including records without a unit,
//!   which nobody else may edit or approve; and only the admin manages users and units.

use crate::id::RecordId;
use crate::problems::{Problems, Reason};
use crate::record::Approval;
use crate::text::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted, in characters (hashing cost stays bounded).
pub const MAX_PASSWORD_CHARS: usize = 1024;
/// Longest display name, in characters.
pub const MAX_DISPLAY_NAME_CHARS: usize = 100;

/// A user's identity (UUID v7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub Uuid);

impl UserId {
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }
}

impl Default for UserId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for UserId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s.trim()).map(Self)
    }
}

/// What a user may do; see the module documentation for the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Approver,
    Editor,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Approver, Role::Editor, Role::Viewer];

    /// Stable snake_case name used in storage, the CLI and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Approver => "approver",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        let name = name.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|r| r.as_str() == name)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Admin, Lang::Zh) => "管理员",
            (Role::Admin, Lang::En) => "Administrator",
            (Role::Approver, Lang::Zh) => "审核人",
            (Role::Approver, Lang::En) => "Approver",
            (Role::Editor, Lang::Zh) => "填报人",
            (Role::Editor, Lang::En) => "Editor",
            (Role::Viewer, Lang::Zh) => "查看人",
            (Role::Viewer, Lang::En) => "Viewer",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A reporting unit is an institution, or an administration that contains other units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Institution,
    Administration,
}

impl UnitKind {
    pub const ALL: [UnitKind; 2] = [UnitKind::Institution, UnitKind::Administration];

    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Institution => "institution",
            UnitKind::Administration => "administration",
        }
    }

    pub fn parse(name: &str) -> Option<UnitKind> {
        let name = name.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (UnitKind::Institution, Lang::Zh) => "单位",
            (UnitKind::Institution, Lang::En) => "Institution",
            (UnitKind::Administration, Lang::Zh) => "主管部门",
            (UnitKind::Administration, Lang::En) => "Administration",
        }
    }
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A sign-in name: 2–64 letters, digits, `.`, `_` or `-`, kept in lower case so that
/// `Alice` and `alice` are one user.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserName(String);

impl UserName {
    pub fn parse(text: &str) -> Result<UserName, Problems> {
        let name = text.trim().to_lowercase();
        let count = name.chars().count();
        let allowed = name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
        let mut problems = Problems::new();
        if !(2..=64).contains(&count) || !allowed {
            problems.push("user.name", Reason::BadUserName);
        }
        problems.into_result().map(|()| UserName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UserName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Problems with a new password (field `user.password`): at least ten characters.
pub fn check_password(password: &str) -> Problems {
    let count = password.chars().count();
    let mut problems = Problems::new();
    if count < MIN_PASSWORD_CHARS {
        problems.push(
            "user.password",
            Reason::TooShort {
                min: MIN_PASSWORD_CHARS,
            },
        );
    } else if count > MAX_PASSWORD_CHARS {
        problems.push(
            "user.password",
            Reason::TooLong {
                max: MAX_PASSWORD_CHARS,
            },
        );
    }
    problems
}

/// Problems with a display name (field `user.display_name`); blank means none.
pub fn check_display_name(display_name: Option<&str>) -> Problems {
    let mut problems = Problems::new();
    if display_name.is_some_and(|d| d.trim().chars().count() > MAX_DISPLAY_NAME_CHARS) {
        problems.push(
            "user.display_name",
            Reason::TooLong {
                max: MAX_DISPLAY_NAME_CHARS,
            },
        );
    }
    problems
}

/// A signed-in user as authorization sees them. Built per request from the user row and
/// the unit tree, so a change of role or unit takes effect on the next request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub user_id: UserId,
    pub name: String,
    pub role: Role,
    /// The user's reporting unit (an organization record).
    pub unit: RecordId,
    /// The user's own unit and every unit below it.
    pub units_in_scope: Vec<RecordId>,
}

impl Principal {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Whether `unit` is the user's unit or a unit below it.
    pub fn in_scope(&self, unit: RecordId) -> bool {
        unit == self.unit || self.units_in_scope.contains(&unit)
    }

    /// Approved records: everyone signed in. Others: the admin, and users whose scope
    /// holds the record's unit. A record without a unit is read only once approved.
    pub fn can_read(&self, record_unit: Option<RecordId>, approval: Approval) -> bool {
        if approval == Approval::Approved || self.is_admin() {
            return true;
        }
        record_unit.is_some_and(|u| self.in_scope(u))
    }

    /// Admin: every record. Editors and approvers: records of their own unit (not of the
    /// units below it). Viewers: none. Records without a unit: the admin only.
    pub fn can_edit(&self, record_unit: Option<RecordId>) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Editor | Role::Approver => record_unit == Some(self.unit),
            Role::Viewer => false,
        }
    }

    /// Whether the user may create records at all (for their own unit; the admin for any
    /// unit): everyone but viewers. `can_edit(Some(unit))` tells for one unit.
    pub fn can_create(&self) -> bool {
        self.role != Role::Viewer
    }

    /// Admin: every record. Approvers: records of any unit in their scope. Nobody else.
    pub fn can_approve(&self, record_unit: Option<RecordId>) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Approver => record_unit.is_some_and(|u| self.in_scope(u)),
            Role::Editor | Role::Viewer => false,
        }
    }

    /// Adding, disabling and resetting users, and managing reporting units: admin only.
    pub fn can_manage_users(&self) -> bool {
        self.is_admin()
    }
}

#[cfg(test)]
mod tests;
