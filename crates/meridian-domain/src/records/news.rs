//! News items and documents, linked to the records they concern.

use super::{CooperationArea, ANY, ORG};
use crate::codes::code_list;
use crate::date::PartialDate;
use crate::id::{RecordId, RecordKind};
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use serde::{Deserialize, Serialize};

code_list! {
    NewsKind, "news_kind" {
        News => "news", "新闻", "News";
        Document => "document", "文件", "Document";
        Report => "report", "报告", "Report";
        WebPage => "web_page", "网页", "Web page";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct News {
    pub title: LocalizedText,
    pub kind: NewsKind,
    #[serde(default)]
    pub published: Option<PartialDate>,
    #[serde(default)]
    pub publisher: Option<RecordId>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub summary: LocalizedText,
    /// The cooperation area it is published under, if any.
    #[serde(default)]
    pub area: Option<CooperationArea>,
    /// The records it concerns.
    #[serde(default)]
    pub related: Vec<RecordId>,
}

impl RecordData for News {
    const KIND: RecordKind = RecordKind::News;

    fn validate(&self, check: &mut Check<'_>) {
        check.required_text("title", &self.title);
        check.date("published", &self.published);
        check.url("url", &self.url);
        check.distinct_ids("related", &self.related);
    }

    fn references(&self, refs: &mut Refs) {
        refs.opt("publisher", &self.publisher, ORG);
        refs.many("related", &self.related, ANY);
    }

    fn title(&self) -> LocalizedText {
        self.title.clone()
    }
}
