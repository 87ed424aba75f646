//! IATI activity XML: the activity as Meridian sees it (`model.rs`), codes mapped between
//! Meridian and IATI (`codes.rs`), a streaming 2.03 writer (`write.rs`) and a streaming
//! reader of versions 1.0x and 2.0x (`read.rs`, `text.rs`). Mapping records to activities
//! and back lives in `meridian-app` (`iati.rs`), which knows the database.

pub mod codes;
mod elements;
mod model;
mod read;
mod text;
mod write;
mod xml_error;

pub use model::*;
pub use read::{read_activities, read_activities_from, FileSummary};
pub use write::{full_date, IatiWriter, UNKNOWN_DATE_EN, UNKNOWN_DATE_ZH};

use meridian_domain::Lang;

/// Why a whole file was refused; nothing is imported from it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    /// `message` in English, `zh` the same reason in Chinese.
    #[error("not well-formed XML near byte {position}: {message}")]
    NotXml {
        position: u64,
        message: String,
        zh: String,
    },
    #[error("not UTF-8 text{}", declared.as_ref().map(|d| format!(" (declared {d})")).unwrap_or_default())]
    NotUtf8 { declared: Option<String> },
    #[error("not an IATI activity file{}", root.as_ref().map(|r| format!(" (root element <{r}>)")).unwrap_or_default())]
    NotIati { root: Option<String> },
    #[error("the file could not be read: {0}")]
    Io(String),
}

impl ReadError {
    fn xml(position: u64, e: impl Into<quick_xml::Error>) -> Self {
        match e.into() {
            quick_xml::Error::Encoding(_) => ReadError::NotUtf8 { declared: None },
            quick_xml::Error::Io(e) => ReadError::Io(e.to_string()),
            e => ReadError::NotXml {
                position,
                message: e.to_string(),
                zh: xml_error::reason_zh(&e),
            },
        }
    }

    /// A well-formedness problem the reader finds itself, in English and Chinese.
    fn xml_text(position: u64, en: &str, zh: &str) -> Self {
        ReadError::NotXml {
            position,
            message: en.to_string(),
            zh: zh.to_string(),
        }
    }

    fn truncated(position: u64) -> Self {
        Self::xml_text(
            position,
            "the file ends inside an element",
            "文件在一个元素中间结束",
        )
    }

    /// The reason in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => match self {
                ReadError::NotXml { position, zh, .. } => {
                    format!("不是格式正确的 XML（约第 {position} 字节）：{zh}")
                }
                ReadError::NotUtf8 { declared } => match declared {
                    Some(d) => format!("不是 UTF-8 文本（声明的编码为 {d}）"),
                    None => "不是 UTF-8 文本".to_string(),
                },
                ReadError::NotIati { root } => match root {
                    Some(r) => format!("不是 IATI 活动文件（根元素为 <{r}>）"),
                    None => "不是 IATI 活动文件".to_string(),
                },
                ReadError::Io(e) => format!("无法读取文件：{e}"),
            },
        }
    }
}
