//! Integration tests for the demonstration dataset.

#[test]
fn smoke() {
    let records = meridian_demo::records().unwrap();
    let ctx = meridian_interop::reference::Reference;
    for r in &records {
        let p = r.body.validate(&ctx);
        assert!(p.is_empty(), "{}: {p}", r.key);
    }
    println!("{}", records.len());
}
