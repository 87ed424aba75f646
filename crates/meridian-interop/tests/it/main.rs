//! The integration tests of meridian-interop, one binary (style: `tests/it/main.rs`).

mod reference;
