//! Export of one kind's live records in the flat layout (CSV, .xlsx) or as a JSON array,
//! streamed: pages of records are read and written one after another, so a million rows
//! never sit in memory together.

use crate::{App, AppError, AppResult};
use meridian_domain::{Lang, RecordKind};
use meridian_interop::tabular::{CsvSink, JsonSink, Layout, RowSink, XlsxSink};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Xlsx,
    Json,
}

fn io(e: std::io::Error) -> AppError {
    AppError::Internal(format!("cannot write the export: {e}"))
}

impl App {
    /// Writes every live record of `kind` to `out`, headers in `lang`. Returns the number
    /// of records written.
    pub async fn export_kind<W: Write + Send + 'static>(
        &self,
        kind: RecordKind,
        format: TableFormat,
        lang: Lang,
        out: W,
    ) -> AppResult<u64> {
        let layout = Layout::of(kind);
        let mut count = 0;
        if format == TableFormat::Json {
            let mut sink = JsonSink::new(out).map_err(io)?;
            self.scan_kind(kind, |page| {
                for r in page {
                    let mut data = r.body.to_data();
                    if let Some(object) = data.as_object_mut() {
                        object.insert("record_kind".into(), kind.as_str().into());
                    }
                    sink.record(&r.id.to_string(), &data).map_err(io)?;
                    count += 1;
                }
                Ok(())
            })
            .await?;
            sink.finish().map_err(io)?;
            return Ok(count);
        }
        let headers = layout.headers(lang);
        let mut sink: Box<dyn RowSink> = match format {
            TableFormat::Csv => Box::new(CsvSink::new(out, &headers).map_err(io)?),
            _ => Box::new(XlsxSink::new(out, kind.as_str(), &headers)),
        };
        self.scan_kind(kind, |page| {
            count += page.len() as u64;
            let rows = page
                .iter()
                .map(|r| layout.cells(&r.id.to_string(), &r.body.to_data()))
                .collect();
            sink.rows(rows).map_err(io)
        })
        .await?;
        sink.finish().map_err(io)?;
        Ok(count)
    }
}
