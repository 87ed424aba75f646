//! Code lists: closed sets of values with Chinese and English labels (organization types,
//! agreement kinds, roles, statuses...). Each is a Rust enum stored as its snake_case code.

use crate::text::Lang;

/// What every code list offers to forms, templates and import.
pub trait Code: Sized + Copy + 'static {
    const LIST: &'static str;
    fn all() -> &'static [Self];
    fn as_str(&self) -> &'static str;
    fn label(&self, lang: Lang) -> &'static str;
    fn parse(code: &str) -> Option<Self> {
        Self::all().iter().copied().find(|c| c.as_str() == code)
    }
}

/// Declares a code list enum with its codes and labels.
macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident, $list:literal { $($variant:ident => $code:literal, $zh:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $crate::codes::Code for $name {
            const LIST: &'static str = $list;
            fn all() -> &'static [Self] { &[$($name::$variant),*] }
            fn as_str(&self) -> &'static str { match self { $($name::$variant => $code),* } }
            fn label(&self, lang: $crate::text::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, $crate::text::Lang::Zh) => $zh,
                      ($name::$variant, $crate::text::Lang::En) => $en,)*
                }
            }
        }
    };
}
pub(crate) use code_list;

code_list! {
    /// The lifecycle status shared by agreements, projects and centres.
    LifecycleStatus, "lifecycle_status" {
        Planned => "planned", "筹备中", "Planned";
        Active => "active", "进行中", "Active";
        Completed => "completed", "已完成", "Completed";
        Expired => "expired", "已到期", "Expired";
        Terminated => "terminated", "已终止", "Terminated";
        Unknown => "unknown", "未知", "Unknown";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_back() {
        for status in LifecycleStatus::all() {
            assert_eq!(LifecycleStatus::parse(status.as_str()), Some(*status));
        }
        assert_eq!(
            serde_json::to_string(&LifecycleStatus::Active).unwrap(),
            "\"active\""
        );
    }
}
