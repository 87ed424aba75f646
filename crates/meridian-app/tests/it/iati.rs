//! IATI XML: the demo data exported validates against the official IATI 2.03 schema
//! (read from ../shared/data/iati-schemas at test time) and says what the records say;
//! every file of the shared IATI corpus imports or is refused with a reason; an export
//! imported into an empty database exports the same activities again.

use meridian_app::{App, IatiExportOptions};
use meridian_domain::records::ActivityKind;
use meridian_domain::{PartialDate, RecordBody};
use meridian_test_support::{both_backends, TestDb};
use std::path::PathBuf;
use std::process::Command;

pub fn shared(path: &str) -> PathBuf {
    meridian_test_support::shared_data(path)
}

pub fn fixed_options() -> IatiExportOptions {
    IatiExportOptions {
        generated: Some("2026-01-01T00:00:00Z".into()),
        as_of: Some(PartialDate::day(2026, 1, 1)),
    }
}

pub async fn export(app: &App) -> (u64, String) {
    let mut out = Vec::new();
    let count = app.export_iati(&mut out, &fixed_options()).await.unwrap();
    (count, String::from_utf8(out).unwrap())
}

/// Runs xmllint against the official schema; panics with its messages when invalid.
pub fn assert_valid(xml: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.xml");
    std::fs::write(&file, xml).unwrap();
    let xsd = shared("iati-schemas/2.03/iati-activities-schema.xsd");
    assert!(xsd.exists(), "the IATI schema is at {}", xsd.display());
    let run = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(&file)
        .output()
        .expect("xmllint (Debian package libxml2-utils) is installed");
    assert!(
        run.status.success(),
        "the export validates against the IATI 2.03 schema:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The `<iati-activity>` block whose identifier ends with `suffix`.
pub fn block<'a>(xml: &'a str, suffix: &str) -> &'a str {
    xml.split("<iati-activity>")
        .find(|b| b.contains(&format!("{suffix}</iati-identifier>")))
        .unwrap_or_else(|| panic!("an activity with identifier …{suffix}"))
}

both_backends!(
    demo_export_validates_and_says_what_the_records_say,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        app.load_demo().await.unwrap();
        let (count, xml) = export(&app).await;
        assert_valid(&xml);
        assert_eq!(
            meridian_test_support::count_iati_activities(xml.as_bytes()) as u64,
            count
        );
        let dataset = meridian_demo::records().unwrap();
        let aid = [
            ActivityKind::MedicalTeamRotation,
            ActivityKind::EmergencyRelief,
            ActivityKind::HospitalShipVoyage,
            ActivityKind::Donation,
            ActivityKind::Contribution,
            ActivityKind::ExpertDeployment,
            ActivityKind::TrainingCourse,
            ActivityKind::TrainingTask,
            ActivityKind::Scholarship,
        ];
        let expected = dataset
            .iter()
            .filter(|r| match &r.body {
                RecordBody::Project(_) => true,
                RecordBody::Activity(a) => aid.contains(&a.kind),
                _ => false,
            })
            .count();
        assert!(expected > 20, "the demo has projects and aid activities");
        assert_eq!(
            count as usize, expected,
            "every project and aid activity, nothing else"
        );

        let malaria = dataset
            .iter()
            .find(|r| r.key == "project:white_paper:border_malaria_aids")
            .unwrap();
        let b = block(&xml, &malaria.id.to_string());
        for country in ["MM", "VN", "LA"] {
            assert!(
                b.contains(&format!(r#"<recipient-country code="{country}"/>"#)),
                "{country} in\n{b}"
            );
        }
        assert!(b.contains(r#"<narrative xml:lang="zh">与缅甸、越南、老挝边境地区疟疾和艾滋病联防联控项目</narrative>"#), "{b}");
        assert!(
            b.contains(r#"role="2""#) && b.contains("State Council"),
            "the State Council leads:\n{b}"
        );
        assert!(
            b.contains(r#"<activity-date type="2" iso-date="2005-01-01">"#),
            "{b}"
        );
        assert!(
            b.contains(r#"<narrative xml:lang="en">2005</narrative>"#),
            "the year kept:\n{b}"
        );
        assert!(
            b.contains(r#"code="12262""#) && b.contains(r#"code="13040""#),
            "malaria and HIV/AIDS sectors:\n{b}"
        );
    }
);
