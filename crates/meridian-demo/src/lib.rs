//! The demonstration dataset (placeholder).
