//! The search page: words in Chinese or English across every kind of record, filters like
//! the lists' (kind, state, country, year), hits with their kind and highlighted passages,
//! pages of 20. Without a search index the page says search is unavailable (503).

use super::countries_datalist;
use crate::auth::User;
use crate::error::{WebError, WebResult};
use crate::i18n::{t, UiLang};
use crate::WebState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Html;
use meridian_app::{AppError, Hit, SearchQuery, SearchResults};
use meridian_domain::user::Principal;
use meridian_domain::{Approval, Lang, RecordKind};
use minijinja::{context, Value};
use serde::Deserialize;

pub const PER_PAGE: usize = 20;

#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub approval: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub page: Option<usize>,
}

impl SearchParams {
    fn page(&self) -> usize {
        self.page.unwrap_or(1).max(1)
    }

    /// This search's URL at another page.
    fn url(&self, page: usize) -> String {
        let page = page.to_string();
        let pairs: Vec<(&str, &str)> = [
            ("q", self.q.trim()),
            ("kind", self.kind.trim()),
            ("approval", self.approval.trim()),
            ("country", self.country.trim()),
            ("year", self.year.trim()),
            ("page", page.as_str()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
        format!("/search?{query}")
    }
}

/// The search the parameters ask for, one page of hits; values that mean nothing (an
/// unknown kind, a year that is not a number) filter nothing.
fn query(params: &SearchParams) -> SearchQuery {
    SearchQuery {
        text: params.q.trim().to_string(),
        kinds: RecordKind::parse(params.kind.trim()).into_iter().collect(),
        approval: Approval::parse(params.approval.trim()),
        units: None,
        country: Some(params.country.trim().to_ascii_uppercase()).filter(|c| !c.is_empty()),
        year: params.year.trim().parse().ok(),
        limit: PER_PAGE,
        offset: (params.page() - 1).saturating_mul(PER_PAGE),
    }
}

fn unavailable(lang: Lang) -> WebError {
    WebError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        code: "search_unavailable",
        message: t(lang, "search.unavailable"),
        lang,
    }
}

/// A hit as the template shows it: the passage in the page's language, else the other's.
fn hit(hit: &Hit, lang: Lang) -> Value {
    let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
    let snippet = |l: Lang| match l {
        Lang::Zh => hit.snippet_zh.clone(),
        Lang::En => hit.snippet_en.clone(),
    };
    let (snippet, snippet_lang) = match (snippet(lang), snippet(other)) {
        (Some(s), _) => (Some(s), lang),
        (None, Some(s)) => (Some(s), other),
        (None, None) => (None, lang),
    };
    context! {
        id => hit.id.to_string(),
        kind => hit.kind.as_str(),
        kind_label => hit.kind.label(lang),
        title => crate::ui::value(&hit.title),
        snippet,
        snippet_lang => snippet_lang.as_str(),
    }
}

/// Searches only what `reader` may read: approved records anywhere, and any record of a
/// unit in their scope. Without a chosen state that is two searches merged by score; the
/// total subtracts what both found.
async fn search_as(
    app: &meridian_app::App,
    reader: &Principal,
    q: SearchQuery,
) -> Result<SearchResults, AppError> {
    if reader.is_admin() || q.approval == Some(Approval::Approved) {
        return app.search(&q).await;
    }
    let scope = Some(reader.units_in_scope.clone());
    if q.approval.is_some() {
        return app.search(&SearchQuery { units: scope, ..q }).await;
    }
    let window = q.offset + q.limit;
    let wide = |approval, units| SearchQuery {
        approval,
        units,
        offset: 0,
        limit: window,
        ..q.clone()
    };
    let approved = app.search(&wide(Some(Approval::Approved), None)).await?;
    let own = app.search(&wide(None, scope.clone())).await?;
    let overlap = app
        .search(&SearchQuery {
            limit: 1,
            ..wide(Some(Approval::Approved), scope)
        })
        .await?;
    let mut hits = approved.hits;
    for hit in own.hits {
        if !hits.iter().any(|h| h.id == hit.id) {
            hits.push(hit);
        }
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    let hits = hits.into_iter().skip(q.offset).take(q.limit).collect();
    Ok(SearchResults {
        total: approved.total + own.total - overlap.total,
        hits,
    })
}

pub async fn page(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Query(params): Query<SearchParams>,
) -> WebResult<Html<String>> {
    if !state.app.has_search() {
        return Err(unavailable(lang));
    }
    let search = query(&params);
    let searched = !search.text.is_empty();
    let results = if searched {
        search_as(&state.app, &user.0.principal, search.clone())
            .await
            .map_err(|e| match e {
                AppError::SearchUnavailable => unavailable(lang),
                e => WebError::internal(lang, e),
            })?
    } else {
        Default::default()
    };
    let page = params.page();
    let pages = results.total.div_ceil(PER_PAGE).max(1);
    let approvals: Vec<_> = Approval::ALL
        .iter()
        .map(|a| context! { value => a.as_str(), label => t(lang, &format!("approval.{}", a.as_str())) })
        .collect();
    let ctx = context! {
        title => t(lang, "search.title"),
        query => params.q.trim(),
        searched,
        total => results.total,
        first => search.offset + 1,
        hits => results.hits.iter().map(|h| hit(h, lang)).collect::<Vec<_>>(),
        page, pages,
        prev => (searched && page > 1).then(|| params.url(page - 1)),
        next => (page < pages).then(|| params.url(page + 1)),
        filter => context! {
            kind => params.kind.trim(), approval => params.approval.trim(),
            country => params.country.trim(), year => params.year.trim(),
        },
        approvals,
        datalists => countries_datalist(lang),
        here => params.url(page),
    };
    crate::ui::render(lang, Some(&user.0), "search.html", ctx)
        .map_err(|e| WebError::internal(lang, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_become_a_query_and_urls_keep_the_filters() {
        let params = SearchParams {
            q: " 中医 training ".into(),
            kind: "centre".into(),
            approval: "approved".into(),
            country: " de".into(),
            year: "x".into(),
            page: Some(3),
        };
        let q = query(&params);
        assert_eq!(q.text, "中医 training");
        assert_eq!(q.kinds, vec![RecordKind::Centre]);
        assert_eq!(q.approval, Some(Approval::Approved));
        assert_eq!(q.country.as_deref(), Some("DE"));
        assert_eq!((q.year, q.limit, q.offset), (None, 20, 40));
        assert_eq!(
            params.url(4),
            "/search?q=%E4%B8%AD%E5%8C%BB+training&kind=centre&approval=approved&country=de&year=x&page=4"
        );
        let huge = SearchParams {
            page: Some(usize::MAX),
            ..SearchParams::default()
        };
        assert_eq!(query(&huge).offset, usize::MAX);
    }
}
