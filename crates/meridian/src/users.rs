//! `meridian user …` and `meridian unit …`: the operator's way to create the first admin
//! and manage users and reporting units. Passwords come from standard input, one line,
//! so scripts can create users and no password lands in the shell's history.

use crate::cli::{UnitCommand, UserCommand};
use anyhow::{bail, Context};
use meridian_app::{AddUser, App, UnitInfo, UserInfo};
use meridian_domain::user::{Role, UnitKind};
use meridian_domain::{Lang, LocalizedText, RecordId};
use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};

/// One line from standard input, without its line ending. Refuses a terminal: a typed
/// password would be shown on screen.
fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        bail!(
            "the password is read from standard input, and would show on screen if typed: \
             pipe it in, e.g. `read -rs PW; printf '%s\\n' \"$PW\" | meridian user …`"
        );
    }
    let mut line = String::new();
    let n = stdin
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    if n == 0 {
        bail!("no password on standard input: pipe one line holding the password");
    }
    let trimmed = line.strip_suffix('\n').unwrap_or(&line);
    Ok(trimmed.strip_suffix('\r').unwrap_or(trimmed).to_string())
}

fn parse_role(role: &str) -> anyhow::Result<Role> {
    Role::parse(role).with_context(|| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        format!("unknown role {role:?}; roles are: {}", all.join(", "))
    })
}

fn parse_kind(kind: &str) -> anyhow::Result<UnitKind> {
    UnitKind::parse(kind).with_context(|| {
        format!("unknown unit kind {kind:?}; kinds are: institution, administration")
    })
}

fn parse_language(language: &str) -> anyhow::Result<Lang> {
    Lang::parse(language).with_context(|| format!("unknown language {language:?}; use zh or en"))
}

fn shown(name: &LocalizedText) -> String {
    match (&name.zh, &name.en) {
        (Some(zh), Some(en)) => format!("{zh} / {en}"),
        (Some(one), None) | (None, Some(one)) => one.clone(),
        (None, None) => "(unnamed)".into(),
    }
}

/// The organization `text` names, which must already be a reporting unit.
async fn unit_named(app: &App, text: &str) -> anyhow::Result<RecordId> {
    let org = app.find_organization(text).await?;
    if !app.list_units().await?.iter().any(|u| u.org == org) {
        bail!(
            "{text:?} is not a reporting unit yet; add it first: \
             meridian unit add {org} --kind institution (or administration)"
        );
    }
    Ok(org)
}

fn user_line(user: &UserInfo) -> String {
    let status = if user.disabled_at.is_some() {
        "disabled"
    } else {
        "active"
    };
    format!(
        "{:<20} {:<9} {:<9} {:<27} {}",
        user.name,
        user.role.as_str(),
        status,
        user.last_login_at.as_deref().unwrap_or("never"),
        shown(&user.unit_name)
    )
}

pub async fn user(app: &App, action: UserCommand, out: &mut impl Write) -> anyhow::Result<()> {
    match action {
        UserCommand::Add {
            name,
            role,
            unit,
            display_name,
            language,
        } => {
            let new = AddUser {
                role: parse_role(&role)?,
                language: parse_language(&language)?,
                unit: unit_named(app, &unit).await?,
                name,
                display_name,
            };
            let password = read_password()?;
            let user = app.add_user(new, &password).await?;
            let (role, unit) = (user.role, shown(&user.unit_name));
            writeln!(out, "user {} added: {role} of {unit}", user.name)?;
        }
        UserCommand::List => {
            writeln!(
                out,
                "{:<20} {:<9} {:<9} {:<27} UNIT",
                "NAME", "ROLE", "STATUS", "LAST SIGN-IN"
            )?;
            for user in app.list_users().await? {
                writeln!(out, "{}", user_line(&user))?;
            }
        }
        UserCommand::Disable { name } => {
            let user = app.disable_user(&name).await?;
            writeln!(
                out,
                "user {} is disabled and signed out everywhere",
                user.name
            )?;
        }
        UserCommand::Enable { name } => {
            let user = app.enable_user(&name).await?;
            writeln!(out, "user {} may sign in again", user.name)?;
        }
        UserCommand::ResetPassword { name } => {
            let password = read_password()?;
            let user = app.reset_password(&name, &password).await?;
            writeln!(
                out,
                "password of {} reset; their sessions have ended",
                user.name
            )?;
        }
    }
    Ok(())
}

fn unit_line(unit: &UnitInfo, names: &BTreeMap<RecordId, String>) -> String {
    let parent = unit
        .parent
        .map(|p| format!("  (in {})", names.get(&p).cloned().unwrap_or(p.to_string())))
        .unwrap_or_default();
    format!(
        "{:<14} {}  {}{parent}",
        unit.kind.as_str(),
        unit.org,
        shown(&unit.name)
    )
}

pub async fn unit(app: &App, action: UnitCommand, out: &mut impl Write) -> anyhow::Result<()> {
    match action {
        UnitCommand::Add { org, kind, parent } => {
            let kind = parse_kind(&kind)?;
            let org = app.find_organization(&org).await?;
            let parent = match parent {
                Some(p) => Some(unit_named(app, &p).await?),
                None => None,
            };
            let unit = app.add_unit(org, kind, parent).await?;
            writeln!(
                out,
                "reporting unit added: {} ({}) {}",
                shown(&unit.name),
                unit.kind.as_str(),
                unit.org
            )?;
        }
        UnitCommand::List => {
            let units = app.list_units().await?;
            let names: BTreeMap<RecordId, String> =
                units.iter().map(|u| (u.org, shown(&u.name))).collect();
            for unit in &units {
                writeln!(out, "{}", unit_line(unit, &names))?;
            }
        }
    }
    Ok(())
}
