//! The versioned JSON archive layout (placeholder).
