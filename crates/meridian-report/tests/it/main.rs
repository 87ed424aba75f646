#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Integration tests: each format is written, reopened with an independent reader, and
//! checked value by value.

mod csv;
mod docx;
mod package;
mod pdf;
mod xlsx;
mod xlsx_stream;
