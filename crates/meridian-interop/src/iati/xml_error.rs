//! Why quick-xml refused a file, in Chinese: its own messages are English only, and a
//! Chinese-speaking office reads the reason on the import page and in the CLI report.

use quick_xml::errors::{IllFormedError, SyntaxError};
use quick_xml::Error;

/// `e` as a Chinese sentence (names of elements kept as written).
pub(super) fn reason_zh(e: &Error) -> String {
    match e {
        Error::Syntax(s) => syntax_zh(s).to_string(),
        Error::IllFormed(i) => ill_formed_zh(i),
        Error::InvalidAttr(_) => {
            "属性的写法不正确（应为 名称=\"值\"，且同一元素内名称不重复）".into()
        }
        Error::Escape(_) => "实体或字符引用不正确".into(),
        Error::Namespace(_) => "命名空间前缀未声明或写法不正确".into(),
        Error::Encoding(_) => "不是 UTF-8 文本".into(),
        Error::Io(io) => format!("无法读取：{io}"),
    }
}

fn syntax_zh(s: &SyntaxError) -> &'static str {
    match s {
        SyntaxError::InvalidBangMarkup => "“<!” 之后的标记无法识别",
        SyntaxError::UnclosedPI => "处理指令没有结束（缺少 “?>”）",
        SyntaxError::UnclosedXmlDecl => "XML 声明没有结束（缺少 “?>”）",
        SyntaxError::UnclosedComment => "注释没有结束（缺少 “-->”）",
        SyntaxError::UnclosedDoctype => "文档类型声明没有结束（缺少 “>”）",
        SyntaxError::UnclosedCData => "CDATA 段没有结束（缺少 “]]>”）",
        SyntaxError::UnclosedTag => "标签没有结束（缺少 “>”）",
        SyntaxError::UnclosedSingleQuotedAttributeValue
        | SyntaxError::UnclosedDoubleQuotedAttributeValue => "属性值的引号没有结束",
    }
}

fn ill_formed_zh(i: &IllFormedError) -> String {
    match i {
        IllFormedError::MissingDeclVersion(_) => "XML 声明缺少 version".into(),
        IllFormedError::UnknownVersion => "XML 声明的版本无法识别".into(),
        IllFormedError::MissingDoctypeName => "文档类型声明缺少名称".into(),
        IllFormedError::MissingEndTag(name) => format!("元素 <{name}> 没有结束标签"),
        IllFormedError::UnmatchedEndTag(name) => {
            format!("结束标签 </{name}> 没有对应的开始标签")
        }
        IllFormedError::MismatchedEndTag { expected, found } => {
            format!("此处应为结束标签 </{expected}>，却是 </{found}>")
        }
        IllFormedError::DoubleHyphenInComment => "注释中不能出现 “--”".into(),
        IllFormedError::UnclosedReference => "实体引用没有以 “;” 结束".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{read_activities_from, ReadError};
    use meridian_domain::Lang;

    fn refused(xml: &str) -> ReadError {
        read_activities_from(xml.as_bytes(), |_| {}).unwrap_err()
    }

    /// No English words left in the Chinese reason (element names aside).
    fn all_chinese(text: &str, names: &[&str]) -> bool {
        let mut rest = text.to_string();
        for name in names {
            rest = rest.replace(name, "");
        }
        !rest.chars().any(|c| c.is_ascii_alphabetic())
    }

    #[test]
    fn broken_files_are_refused_with_the_reason_in_chinese() {
        let cases = [
            (
                "<iati-activities><iati-activity></iati-activities>",
                "此处应为结束标签 </iati-activity>，却是 </iati-activities>",
                &["iati-activity", "iati-activities"][..],
            ),
            (
                "<iati-activities><iati-activity><title",
                "标签没有结束",
                &[][..],
            ),
            (
                "<iati-activities><iati-activity><!-- x",
                "注释没有结束",
                &[][..],
            ),
            (
                "<iati-activities><iati-activity>",
                "文件在一个元素中间结束",
                &[][..],
            ),
            (
                "<iati-activities></iati-activities><x/>",
                "根元素之后还有内容",
                &[][..],
            ),
        ];
        for (xml, expected, names) in cases {
            let e = refused(xml);
            let zh = e.describe(Lang::Zh);
            assert!(zh.starts_with("不是格式正确的 XML"), "{xml}: {zh}");
            assert!(zh.contains(expected), "{xml}: {zh}");
            let reason = zh.split_once('：').map_or("", |(_, r)| r);
            assert!(all_chinese(reason, names), "{xml}: {zh}");
            let en = e.describe(Lang::En);
            assert!(en.starts_with("not well-formed XML"), "{xml}: {en}");
        }
    }
}
