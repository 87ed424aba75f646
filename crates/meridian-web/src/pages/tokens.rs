//! The account's API tokens page: make a token (its secret is shown on the next page only),
//! see the tokens with when each was last used, and revoke one.

use crate::auth::User;
use crate::error::{WebError, WebResult};
use crate::forms::parse::Input;
use crate::i18n::{t, UiLang};
use crate::WebState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;

async fn render(
    state: &WebState,
    lang: meridian_domain::Lang,
    user: &User,
    made: Option<(String, String)>,
    error: Option<String>,
) -> WebResult<Html<String>> {
    let tokens = state
        .app
        .tokens(&user.0.principal)
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    let tokens: Vec<_> = tokens
        .iter()
        .map(|tk| {
            let short = |s: &str| s.get(..16).unwrap_or(s).replace('T', " ");
            context! {
                id => tk.id.clone(), name => tk.name.clone(), prefix => tk.prefix.clone(),
                created_at => short(&tk.created_at),
                last_used_at => tk.last_used_at.as_deref().map(short),
                revoked_at => tk.revoked_at.as_deref().map(short),
            }
        })
        .collect();
    let page = context! {
        title => t(lang, "tokens.title"), here => "/account/tokens",
        tokens, error,
        made => made.map(|(name, secret)| context! { name, secret }),
        csrf => user.0.csrf.clone(),
    };
    crate::ui::render(lang, Some(&user.0), "tokens.html", page)
        .map_err(|e| WebError::internal(lang, e))
}

pub async fn page(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
) -> WebResult<Html<String>> {
    render(&state, lang, &user, None, None).await
}

pub async fn create(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let input = Input::new(pairs);
    user.check_csrf(lang, &input)?;
    match state
        .app
        .create_token(&user.0.principal, input.one("name"))
        .await
    {
        // The secret is shown in this answer only: it is not kept anywhere.
        Ok(made) => {
            let html = render(
                &state,
                lang,
                &user,
                Some((made.token.name, made.secret)),
                None,
            )
            .await?;
            Ok((StatusCode::CREATED, html).into_response())
        }
        Err(meridian_app::AppError::NotAllowed { .. }) => {
            let html = render(
                &state,
                lang,
                &user,
                None,
                Some(t(lang, "tokens.name_needed")),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(e) => Err(WebError::from_app(lang, e)),
    }
}

pub async fn revoke(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let input = Input::new(pairs);
    user.check_csrf(lang, &input)?;
    state
        .app
        .revoke_token(&user.0.principal, &id)
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    Ok(Redirect::to("/account/tokens").into_response())
}
