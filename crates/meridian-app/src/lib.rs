//! Use cases: record, restore, demo, export, stats. The only entry for both CLI and web.
