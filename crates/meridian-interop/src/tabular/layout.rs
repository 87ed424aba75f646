//! The flat column layout of a record kind, drawn from the schema: `id` first, then every
//! field in form order; bilingual fields as two columns (Chinese, English); groups
//! flattened into their sub-fields (`budget.amount`); everything else one column.

use super::labels::field_label;
use meridian_domain::schema::{fields, Field, Widget};
use meridian_domain::{Lang, RecordKind};

/// The pseudo-field of the first column: the record id, so a re-import updates.
pub const ID: Field = Field {
    name: "id",
    widget: Widget::Text,
    required: false,
};

/// One schema field that holds a value (not a group), at its JSON path.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// JSON path segments: `["budget", "amount"]`.
    pub path: Vec<&'static str>,
    pub field: Field,
    /// Required whenever the record exists (the field and every group above it required).
    pub required: bool,
}

impl Leaf {
    pub fn key(&self) -> String {
        self.path.join(".")
    }

    /// Bilingual widgets take a Chinese and an English column.
    pub fn bilingual(&self) -> bool {
        matches!(
            self.field.widget,
            Widget::Bilingual | Widget::BilingualArea | Widget::BilingualLines
        )
    }
}

/// One column of the flat layout.
#[derive(Debug, Clone)]
pub struct Column {
    /// Index into `Layout::leaves`.
    pub leaf: usize,
    /// Which language of a bilingual field; `None` for other fields.
    pub lang: Option<Lang>,
    /// The raw name: the JSON path, with `.zh`/`.en` for a language (`name.zh`).
    pub key: String,
    pub header_zh: String,
    pub header_en: String,
}

impl Column {
    pub fn header(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.header_zh,
            Lang::En => &self.header_en,
        }
    }
}

/// Every column of one kind, in order.
#[derive(Debug, Clone)]
pub struct Layout {
    pub kind: RecordKind,
    pub leaves: Vec<Leaf>,
    pub columns: Vec<Column>,
}

fn collect(fields: &[Field], prefix: &[&'static str], required: bool, out: &mut Vec<Leaf>) {
    for field in fields {
        let mut path = prefix.to_vec();
        path.push(field.name);
        let needed = required && field.required;
        match field.widget {
            Widget::Group(sub) => collect(sub, &path, needed, out),
            _ => out.push(Leaf {
                path,
                field: *field,
                required: needed,
            }),
        }
    }
}

fn headers(leaf: &Leaf, lang: Option<Lang>) -> (String, String) {
    let (mut zh, mut en) = (String::new(), String::new());
    for (i, name) in leaf.path.iter().enumerate() {
        let (z, e) = match *name {
            "id" if leaf.path.len() == 1 => ("记录编号", "Record id"),
            other => field_label(other),
        };
        if i > 0 {
            zh.push('：');
            en.push_str(": ");
        }
        zh.push_str(z);
        en.push_str(e);
    }
    match lang {
        Some(Lang::Zh) => (format!("{zh}（中文）"), format!("{en} (Chinese)")),
        Some(Lang::En) => (format!("{zh}（英文）"), format!("{en} (English)")),
        None => (zh, en),
    }
}

/// Makes headers unique within the kind: two fields with one label (acronym/acronyms in
/// Chinese) get their raw names added.
fn disambiguate(columns: &mut [Column]) {
    for lang in [Lang::Zh, Lang::En] {
        let texts: Vec<String> = columns.iter().map(|c| c.header(lang).to_string()).collect();
        for (i, column) in columns.iter_mut().enumerate() {
            if texts.iter().filter(|t| **t == texts[i]).count() > 1 {
                let text = format!("{} [{}]", texts[i], column.key);
                match lang {
                    Lang::Zh => column.header_zh = text,
                    Lang::En => column.header_en = text,
                }
            }
        }
    }
}

impl Layout {
    pub fn of(kind: RecordKind) -> Layout {
        let mut leaves = vec![Leaf {
            path: vec!["id"],
            field: ID,
            required: false,
        }];
        collect(fields(kind), &[], true, &mut leaves);
        let mut columns = Vec::new();
        for (i, leaf) in leaves.iter().enumerate() {
            let langs: &[Option<Lang>] = if leaf.bilingual() {
                &[Some(Lang::Zh), Some(Lang::En)]
            } else {
                &[None]
            };
            for lang in langs {
                let key = match lang {
                    Some(l) => format!("{}.{}", leaf.key(), l.as_str()),
                    None => leaf.key(),
                };
                let (header_zh, header_en) = headers(leaf, *lang);
                columns.push(Column {
                    leaf: i,
                    lang: *lang,
                    key,
                    header_zh,
                    header_en,
                });
            }
        }
        disambiguate(&mut columns);
        Layout {
            kind,
            leaves,
            columns,
        }
    }

    /// The headers in one language, in column order.
    pub fn headers(&self, lang: Lang) -> Vec<String> {
        self.columns
            .iter()
            .map(|c| c.header(lang).to_string())
            .collect()
    }

    /// The column a header names: its Chinese or English header or its raw name, ignoring
    /// case and surrounding space.
    pub fn find(&self, header: &str) -> Option<usize> {
        let wanted = normalize(header);
        self.columns.iter().position(|c| {
            normalize(&c.header_zh) == wanted
                || normalize(&c.header_en) == wanted
                || c.key == wanted
        })
    }

    /// Columns of `leaf`, in order.
    pub fn columns_of(&self, leaf: usize) -> impl Iterator<Item = (usize, &Column)> {
        self.columns
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.leaf == leaf)
    }
}

/// Header text as compared: trimmed, lower case, full-width parentheses and colon folded.
pub fn normalize(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace('（', "(")
        .replace('）', ")")
        .replace('：', ":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_unique_headers_and_id_first() {
        for kind in RecordKind::ALL {
            let layout = Layout::of(*kind);
            assert_eq!(layout.columns[0].key, "id");
            for lang in [Lang::Zh, Lang::En] {
                let mut headers = layout.headers(lang);
                let n = headers.len();
                headers.sort();
                headers.dedup();
                assert_eq!(headers.len(), n, "{kind} {lang:?}");
            }
        }
    }

    #[test]
    fn bilingual_fields_take_two_columns_and_groups_flatten() {
        let layout = Layout::of(RecordKind::Project);
        let keys: Vec<&str> = layout.columns.iter().map(|c| c.key.as_str()).collect();
        assert!(keys.contains(&"title.zh") && keys.contains(&"title.en"));
        assert!(keys.contains(&"budget.amount") && keys.contains(&"budget.currency"));
        let title = layout
            .find("Title (English)")
            .map(|i| layout.columns[i].key.clone());
        assert_eq!(title.as_deref(), Some("title.en"));
        let zh = layout
            .find("标题（中文）")
            .map(|i| layout.columns[i].key.clone());
        assert_eq!(zh.as_deref(), Some("title.zh"));
    }
}
