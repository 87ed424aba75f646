//! An institution's public page: its overview with headline sentences and reported
//! figures (seed 000), the international organizations it belongs to with who founded
//! them, what they are and when and as what it joined (seed 001), its partners grouped by
//! area with the related news under each group (seed 002), its centres and bases, and its
//! international office's contact details.

use super::{approved, approved_one, path_lang, render, text};
use crate::error::WebResult;
use crate::i18n::t;
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::Response;
use meridian_app::App;
use meridian_domain::records::{CooperationArea, Organization};
use meridian_domain::{phrase, Approval, Code, Lang, RecordBody, RecordId, RecordKind};
use meridian_report::{Cell, Column, ColumnKind, Table};
use minijinja::{context, Value};

async fn org_name(app: &App, lang: Lang, id: RecordId) -> Option<String> {
    approved_one(app, lang, id)
        .await
        .ok()
        .map(|r| text(&r.body.title(), lang))
}

/// One row of seed 001's table.
pub(super) struct OrganizationRow {
    id: RecordId,
    name: String,
    founders: String,
    introduction: String,
    entrance: String,
}

/// The international organizations the institution belongs to, with who founded them,
/// what they are, and when and as what it joined.
async fn organization_rows(app: &App, lang: Lang, id: RecordId) -> WebResult<Vec<OrganizationRow>> {
    let mut rows = Vec::new();
    for m in approved(app, lang, RecordKind::Membership).await? {
        let RecordBody::Membership(m) = &m.body else {
            continue;
        };
        if m.member != id {
            continue;
        }
        let Ok(target) = approved_one(app, lang, m.organization).await else {
            continue;
        };
        let RecordBody::Organization(target_org) = &target.body else {
            continue;
        };
        let mut founders = Vec::new();
        for f in &target_org.founders {
            if let Some(n) = org_name(app, lang, *f).await {
                founders.push(n);
            }
        }
        // The source's own wording of the date when it was recorded, as seed 001 gives it.
        let joined = match m.joined_as_given.get(lang) {
            Some(words) => Some(words.to_string()),
            None => m.joined.map(|d| d.display(lang)),
        };
        let role = m.role.map(|r| r.label(lang).to_string());
        let entrance = match (joined, role) {
            (Some(j), Some(r)) => format!("{j}{}{r}", if lang == Lang::Zh { "，" } else { ", " }),
            (Some(j), None) => j,
            (None, Some(r)) => r,
            (None, None) => String::new(),
        };
        rows.push(OrganizationRow {
            id: m.organization,
            name: text(&target_org.name, lang),
            founders: founders.join(if lang == Lang::Zh { "、" } else { ", " }),
            introduction: text(&target_org.introduction, lang),
            entrance,
        });
    }
    Ok(rows)
}

/// The institution's partners (seed 002): area, partner id, name and scope, in the order
/// of the areas.
async fn partner_rows(
    app: &App,
    lang: Lang,
    id: RecordId,
) -> WebResult<Vec<(CooperationArea, RecordId, String, String)>> {
    let partnerships = approved(app, lang, RecordKind::Partnership).await?;
    let mut rows = Vec::new();
    for area in CooperationArea::all() {
        for p in &partnerships {
            let RecordBody::Partnership(p) = &p.body else {
                continue;
            };
            if p.organization == id && p.area == *area {
                if let Some(n) = org_name(app, lang, p.partner).await {
                    rows.push((*area, p.partner, n, text(&p.scope, lang)));
                }
            }
        }
    }
    Ok(rows)
}

/// `/portal/{lang}/institutions/{id}/organizations.csv` or `partners.csv` (or `.json`):
/// seed 001's table or seed 002's partners as a file, the same rows the page shows.
pub async fn table_file(
    State(state): State<WebState>,
    Path((lang, id, file)): Path<(String, String, String)>,
) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let id: RecordId = crate::pages::id(lang, &id)?;
    approved_one(&state.app, lang, id).await?;
    let (stem, format) = match file.rsplit_once('.') {
        Some((stem @ ("organizations" | "partners"), format @ ("csv" | "json"))) => (stem, format),
        _ => return Err(crate::error::WebError::not_found(lang)),
    };
    if stem == "partners" {
        let rows = partner_rows(&state.app, lang, id).await?;
        let table = Table {
            title: t(lang, "portal.partners"),
            columns: ["portal.area", "portal.org_name", "portal.scope"]
                .iter()
                .map(|k| Column::new(t(lang, k), ColumnKind::Text))
                .collect(),
            rows: rows
                .into_iter()
                .map(|(area, _, name, scope)| {
                    vec![
                        Cell::Text(area.label(lang).to_string()),
                        Cell::Text(name),
                        Cell::Text(scope),
                    ]
                })
                .collect(),
        };
        return super::lists::download(&table, Some(format), stem, lang)
            .unwrap_or_else(|| Err(crate::error::WebError::not_found(lang)));
    }
    let rows = organization_rows(&state.app, lang, id).await?;
    let table = Table {
        title: t(lang, "portal.organizations"),
        columns: [
            "portal.org_name",
            "portal.founded_by",
            "portal.introduction",
            "portal.entrance",
        ]
        .iter()
        .map(|k| Column::new(t(lang, k), ColumnKind::Text))
        .collect(),
        rows: rows
            .into_iter()
            .map(|r| {
                vec![
                    Cell::Text(r.name),
                    Cell::Text(r.founders),
                    Cell::Text(r.introduction),
                    Cell::Text(r.entrance),
                ]
            })
            .collect(),
    };
    super::lists::download(&table, Some(format), "organizations", lang)
        .unwrap_or_else(|| Err(crate::error::WebError::not_found(lang)))
}

pub async fn page(
    State(state): State<WebState>,
    Path((lang, id)): Path<(String, String)>,
) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let app = &state.app;
    let id: RecordId = crate::pages::id(lang, &id)?;
    let record = approved_one(app, lang, id).await?;
    let RecordBody::Organization(org) = &record.body else {
        return Err(crate::error::WebError::not_found(lang));
    };
    let name = text(&org.name, lang);

    let (headlines, figures) = app
        .analytics(|a| {
            let headlines: Vec<String> = a.headlines(id, lang).into_iter().map(|h| h.text).collect();
            let mut figures: Vec<(String, Value)> = Vec::new();
            for indicator in a.indicators() {
                for f in a.figures_of(indicator.id).filter(|f| f.approval == Approval::Approved && f.value.reporting_unit == id) {
                    let period = match text(&f.value.period_label, lang) {
                        label if !label.is_empty() => label,
                        _ => f.value.period.label(),
                    };
                    figures.push((
                        indicator.value.code.clone(),
                        context! {
                            name => text(&indicator.value.name, lang),
                            value => phrase::quantity_with_unit(&f.value.value, &text(&indicator.value.unit, lang), lang),
                            period,
                        },
                    ));
                }
            }
            figures.sort_by(|a, b| a.0.cmp(&b.0));
            (headlines, figures.into_iter().map(|f| f.1).collect::<Vec<_>>())
        })
        .await
        .map_err(|e| crate::error::WebError::from_app(lang, e))?;

    // Seed 001: the international organizations it belongs to.
    let organizations: Vec<Value> = organization_rows(app, lang, id)
        .await?
        .into_iter()
        .map(|r| context! { id => r.id.to_string(), name => r.name, founders => r.founders, introduction => r.introduction, entrance => r.entrance })
        .collect();

    // Seed 002: partners by area, with the news related to the institution in that area.
    let partner_list = partner_rows(app, lang, id).await?;
    let news = approved(app, lang, RecordKind::News).await?;
    let mut groups = Vec::new();
    for area in CooperationArea::all() {
        let partners: Vec<Value> = partner_list
            .iter()
            .filter(|(a, ..)| a == area)
            .map(|(_, partner, name, scope)| context! { id => partner.to_string(), name => name.clone(), scope => scope.clone() })
            .collect();
        let related: Vec<Value> = news
            .iter()
            .filter_map(|r| match &r.body {
                RecordBody::News(n) if n.area == Some(*area) && (n.related.contains(&id) || n.publisher == Some(id) || r.unit == Some(id)) => {
                    Some(context! { title => text(&n.title, lang), url => n.url.clone(), date => n.published.map(|d| d.display(lang)) })
                }
                _ => None,
            })
            .collect();
        if !partners.is_empty() || !related.is_empty() {
            groups.push(context! { area => area.as_str(), label => area.label(lang), partners, news => related });
        }
    }

    let mut centres = Vec::new();
    for c in approved(app, lang, RecordKind::Centre).await? {
        let RecordBody::Centre(centre) = &c.body else {
            continue;
        };
        if centre.host == Some(id) || c.unit == Some(id) || centre.partners.contains(&id) {
            centres.push(context! {
                name => text(&centre.name, lang), kind => centre.kind.label(lang),
                country => centre.country.as_deref().and_then(|c| super::country_name(c, lang)),
            });
        }
    }
    let mut contacts = Vec::new();
    for c in approved(app, lang, RecordKind::Contact).await? {
        let RecordBody::Contact(contact) = &c.body else {
            continue;
        };
        if contact.organization == id {
            contacts.push(context! {
                office => text(&contact.office, lang), address => text(&contact.address, lang),
                postcode => contact.postcode.clone(), phones => contact.phones.clone(), emails => contact.emails.clone(),
                website => contact.website.clone(), invitation => text(&contact.invitation, lang),
            });
        }
    }
    let Organization { introduction, .. } = org;
    let page = context! {
        title => name.clone(),
        description => text(introduction, lang).chars().take(160).collect::<String>(),
        name, introduction => text(introduction, lang),
        headlines, figures, organizations, groups, centres, contacts,
        no_cell => t(lang, "portal.not_given"),
        id => id.to_string(),
    };
    render(
        lang,
        "portal/institution.html",
        &format!("/institutions/{id}"),
        page,
    )
}
