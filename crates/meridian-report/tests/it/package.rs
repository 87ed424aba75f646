//! Helpers to look inside a zip package: part names, part text, XML well-formedness.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// The names of the package's parts, in archive order.
pub fn part_names(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a valid zip");
    zip.file_names()
        .map(|name| name.unwrap().into_owned())
        .collect()
}

/// One part as text.
pub fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a valid zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("part {name}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Panics unless `xml` is namespace-well-formed: balanced and correctly nested elements, one
/// root, valid attributes, every prefix declared, only predefined or character entities.
pub fn assert_well_formed(name: &str, xml: &str) {
    let mut reader = NsReader::from_str(xml);
    let (mut depth, mut roots) = (0_usize, 0_usize);
    loop {
        let position = reader.buffer_position();
        let (ns, event) = reader
            .read_resolved_event()
            .unwrap_or_else(|e| panic!("{name}: {e} near byte {position}"));
        if let ResolveResult::Unknown(prefix) = ns {
            panic!("{name}: undeclared prefix {prefix} near byte {position}");
        }
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if depth == 0 {
                    roots += 1;
                }
                for attribute in e.attributes() {
                    let attribute = attribute.unwrap_or_else(|err| panic!("{name}: {err}"));
                    let (ns, _) = reader.resolver().resolve_attribute(attribute.key);
                    if let ResolveResult::Unknown(prefix) = ns {
                        panic!("{name}: undeclared attribute prefix {prefix}");
                    }
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => depth -= 1,
            Event::Text(ref t) => {
                assert!(
                    depth > 0 || t.trim().is_empty(),
                    "{name}: text outside the root"
                );
            }
            Event::GeneralRef(ref r) => {
                let known = ["amp", "lt", "gt", "quot", "apos"].contains(&r.as_ref());
                assert!(
                    known || r.is_char_ref(),
                    "{name}: unknown entity &{};",
                    r.as_ref()
                );
                if r.is_char_ref() {
                    r.resolve_char_ref()
                        .unwrap_or_else(|e| panic!("{name}: {e}"));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "{name}: unclosed elements");
    assert_eq!(roots, 1, "{name}: expected one root element");
}

#[test]
fn the_well_formedness_check_rejects_broken_xml() {
    for broken in [
        "<a><b></a></b>",
        "<a>",
        "<a/><b/>",
        "<x:a/>",
        "<a>&nbsp;</a>",
        "<a b=\"1\" b=\"2\"/>",
    ] {
        let result = std::panic::catch_unwind(|| assert_well_formed("test", broken));
        assert!(result.is_err(), "accepted {broken}");
    }
    assert_well_formed(
        "test",
        "<?xml version=\"1.0\"?><a xmlns:x=\"u\"><x:b x:c=\"&amp;&#x41;\"/></a>",
    );
}
