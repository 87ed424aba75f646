//! `meridian portal export DIR`: the whole portal as static files any web server can host.
//! Every page is asked of the portal's own routes (one code path with the live portal), in
//! both languages: the pages the sitemap lists, the lists' CSV and JSON files, the sitemap
//! and the embedded assets. A page at `/portal/en/institutions/ID` is written as
//! `DIR/portal/en/institutions/ID/index.html`, so servers that map a directory to its
//! `index.html` serve it at the same address. The inquiry form is copied, but sending it
//! needs the live server.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use meridian_app::App;
use std::path::{Path, PathBuf};
use tower::ServiceExt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportReport {
    pub files: u64,
    pub bytes: u64,
}

fn file_for(dir: &Path, address: &str) -> PathBuf {
    let relative = address.trim_start_matches('/');
    let is_file = relative
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    if is_file {
        dir.join(relative)
    } else {
        dir.join(relative).join("index.html")
    }
}

/// Writes the portal into `dir` (created if missing; files already there are replaced).
pub async fn export(app: App, dir: &Path) -> Result<ExportReport, String> {
    let router = crate::router(app);
    let get = |address: String| {
        let router = router.clone();
        async move {
            let request = Request::get(&address)
                .body(Body::empty())
                .map_err(|e| e.to_string())?;
            let response = router.oneshot(request).await.map_err(|e| e.to_string())?;
            if response.status() != StatusCode::OK {
                return Err(format!("{address}: {}", response.status()));
            }
            axum::body::to_bytes(response.into_body(), 256 << 20)
                .await
                .map_err(|e| format!("{address}: {e}"))
        }
    };
    let sitemap = get("/portal/sitemap.xml".to_string()).await?;
    let sitemap_text = String::from_utf8_lossy(&sitemap).into_owned();
    let mut addresses: Vec<String> = sitemap_text
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(str::to_string)
        .collect();
    let institutions: Vec<String> = addresses
        .iter()
        .filter(|a| a.contains("/institutions/"))
        .cloned()
        .collect();
    for page in institutions {
        for file in [
            "organizations.csv",
            "organizations.json",
            "partners.csv",
            "partners.json",
        ] {
            addresses.push(format!("{page}/{file}"));
        }
    }
    for lang in ["zh", "en"] {
        for table in ["figures", "projects", "activities"] {
            for ext in ["csv", "json"] {
                addresses.push(format!("/portal/{lang}/national/{table}.{ext}"));
            }
        }
        for file in [
            "partners.csv",
            "partners.json",
            "news.csv",
            "news.json",
            "centres.csv",
            "centres.json",
        ] {
            addresses.push(format!("/portal/{lang}/{file}"));
        }
    }
    addresses.extend(crate::assets::paths());
    let mut report = ExportReport { files: 0, bytes: 0 };
    let mut write = |address: &str, bytes: &[u8]| -> Result<(), String> {
        let path = file_for(dir, address);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        report.files += 1;
        report.bytes += bytes.len() as u64;
        Ok(())
    };
    write("/portal/sitemap.xml", &sitemap)?;
    for address in addresses {
        let bytes = get(address.clone()).await?;
        write(&address, &bytes)?;
    }
    // The bare /portal/ address shows the Chinese home page.
    let home = get("/portal/zh/".to_string()).await?;
    write("/portal/", &home)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_directory_indexes_and_files_stay_files() {
        let dir = Path::new("/out");
        assert_eq!(
            file_for(dir, "/portal/en/"),
            Path::new("/out/portal/en/index.html")
        );
        assert_eq!(
            file_for(dir, "/portal/en/institutions/abc"),
            Path::new("/out/portal/en/institutions/abc/index.html")
        );
        assert_eq!(
            file_for(dir, "/portal/en/news.csv"),
            Path::new("/out/portal/en/news.csv")
        );
        assert_eq!(
            file_for(dir, "/static/vendor/echarts.min.js"),
            Path::new("/out/static/vendor/echarts.min.js")
        );
    }
}
