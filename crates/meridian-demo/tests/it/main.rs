//! Integration tests for the demonstration dataset: the loader's guarantees, bilingual
//! text, and the seed facts themselves, counted by hand from the five seed documents.

mod bilingual;
mod cacms;
mod integrity;
mod loader_errors;
mod nmu;
mod plan;
mod support;
mod tsinghua;
mod white_paper;
