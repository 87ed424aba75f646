//! Checks that keep the docs true: ARCHITECTURE.md names every crate in the workspace.

#[test]
fn architecture_md_names_every_crate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut crates: Vec<String> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    crates.sort();
    let missing: Vec<&String> = crates
        .iter()
        .filter(|c| !architecture.contains(&format!("`{c}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md does not describe {missing:?}"
    );
    for line in architecture
        .lines()
        .filter(|l| l.starts_with("| `meridian"))
    {
        let named = line.trim_start_matches("| `").split('`').next().unwrap();
        assert!(
            crates.iter().any(|c| c == named),
            "ARCHITECTURE.md describes {named}, which does not exist"
        );
    }
}
