//! The API reference page: the OpenAPI document drawn by the vendored Redoc script. Redoc
//! styles itself with inline styles and may start a worker from a blob, so this page alone
//! gets a content security policy that allows those (scripts still only from this server).

use crate::i18n::UiLang;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; \
     frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

pub async fn page(UiLang(lang): UiLang) -> Response {
    let (html_lang, title) = match lang {
        meridian_domain::Lang::Zh => ("zh-CN", "Meridian API 参考"),
        meridian_domain::Lang::En => ("en", "Meridian API reference"),
    };
    let html = format!(
        "<!doctype html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"icon\" href=\"data:,\">\n</head>\n<body>\n\
         <redoc spec-url=\"/api/v1/openapi.json\" hide-download-button=\"false\"></redoc>\n\
         <noscript><p><a href=\"/api/v1/openapi.json\">openapi.json</a></p></noscript>\n\
         <script src=\"/static/vendor/redoc.standalone.js\"></script>\n</body>\n</html>\n"
    );
    let mut response = axum::response::Html(html).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    response
}
