//! The index's fields and the analyzers that cut Chinese and English text into terms.
//!
//! Tokenizers are not stored in the index, so [`register_analyzers`] runs on every open. A
//! change to what an analyzer produces must also rename it (`zh_jieba_v1` → `_v2`): the
//! schema then differs, and [`crate::SearchIndex::open`] empties the old index so the app
//! rebuilds it.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
    STRING,
};
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;
use tantivy_jieba::JiebaTokenizer;

/// Chinese at index time: jieba search mode (every dictionary word of 2–3 characters inside
/// a longer word is emitted too), punctuation dropped, Latin letters lowercased.
pub const ZH_INDEX: &str = "zh_jieba_v1";
/// Chinese at query time: jieba default mode (the coarsest cut); each of its words is also
/// a term the search-mode cut of the same text produced.
pub const ZH_QUERY: &str = "zh_jieba_query_v1";
/// English: tantivy's built-in simple tokenizer, lowercase, Snowball English stemmer.
pub const EN: &str = "en_stem";

/// Terms longer than this (in bytes) are dropped; they are noise such as base64 blobs.
const MAX_TERM_BYTES: usize = 60;

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub approval: Field,
    pub unit: Field,
    pub country: Field,
    pub year: Field,
    pub title_zh: Field,
    pub title_en: Field,
    pub body_zh: Field,
    pub body_en: Field,
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let fields = Fields {
            id: b.add_text_field("id", STRING | STORED),
            kind: b.add_text_field("kind", STRING | STORED),
            approval: b.add_text_field("approval", STRING),
            unit: b.add_text_field("unit", STRING),
            country: b.add_text_field("country", STRING),
            year: b.add_i64_field("year", NumericOptions::default().set_indexed()),
            title_zh: b.add_text_field("title_zh", text(ZH_INDEX)),
            title_en: b.add_text_field("title_en", text(EN)),
            body_zh: b.add_text_field("body_zh", text(ZH_INDEX)),
            body_en: b.add_text_field("body_en", text(EN)),
        };
        (b.build(), fields)
    }
}

/// Stored (for titles and snippets), with term frequencies for BM25 but no positions: the
/// index never runs phrase queries, and positions would be a third of its size.
fn text(analyzer: &str) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer)
        .set_index_option(IndexRecordOption::WithFreqs);
    TextOptions::default()
        .set_indexing_options(indexing)
        .set_stored()
}

/// Registers the Chinese analyzers (the English one is built in).
pub fn register_analyzers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(
        ZH_INDEX,
        zh_analyzer(JiebaTokenizer::with_search_mode(true)),
    );
    tokenizers.register(
        ZH_QUERY,
        zh_analyzer(JiebaTokenizer::with_search_mode(false)),
    );
}

fn zh_analyzer(jieba: JiebaTokenizer) -> TextAnalyzer {
    TextAnalyzer::builder(jieba)
        .filter(RemoveLongFilter::limit(MAX_TERM_BYTES))
        .filter(WordsOnly)
        .filter(LowerCaser)
        .build()
}

/// True for the Han characters jieba segments (CJK unified ideographs and extensions).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
}

/// Drops tokens without a letter or digit: jieba emits punctuation and spaces as tokens.
#[derive(Clone)]
pub struct WordsOnly;

impl TokenFilter for WordsOnly {
    type Tokenizer<T: Tokenizer> = WordsOnlyTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> WordsOnlyTokenizer<T> {
        WordsOnlyTokenizer(tokenizer)
    }
}

#[derive(Clone)]
pub struct WordsOnlyTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for WordsOnlyTokenizer<T> {
    type TokenStream<'a> = WordsOnlyStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        WordsOnlyStream(self.0.token_stream(text))
    }
}

pub struct WordsOnlyStream<T>(T);

impl<T: TokenStream> TokenStream for WordsOnlyStream<T> {
    fn advance(&mut self) -> bool {
        while self.0.advance() {
            if self.0.token().text.chars().any(char::is_alphanumeric) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

/// The terms `analyzer` makes of `text`, in order.
pub fn terms(index: &Index, analyzer: &str, text: &str) -> Vec<String> {
    let Some(mut analyzer) = index.tokenizers().get(analyzer) else {
        return Vec::new();
    };
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Index {
        let (schema, _) = Fields::schema();
        let index = Index::create_in_ram(schema);
        register_analyzers(&index);
        index
    }

    #[test]
    fn search_mode_emits_two_character_words_inside_compounds() {
        let terms = terms(&index(), ZH_INDEX, "中国中医科学院是综合性研究机构");
        assert!(terms.contains(&"中医".to_string()), "{terms:?}");
    }

    #[test]
    fn punctuation_is_dropped_and_latin_lowercased() {
        let terms = terms(&index(), ZH_INDEX, "世界卫生组织（WHO）：合作中心");
        assert!(terms.contains(&"who".to_string()), "{terms:?}");
        assert!(terms.iter().all(|t| t.chars().any(char::is_alphanumeric)));
    }

    #[test]
    fn english_is_stemmed() {
        let idx = index();
        assert_eq!(terms(&idx, EN, "Centres"), terms(&idx, EN, "centre"));
        assert_eq!(terms(&idx, EN, "training"), terms(&idx, EN, "trained"));
    }
}
