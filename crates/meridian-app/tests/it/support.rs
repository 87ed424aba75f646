//! A database with reporting units and an app on a clock the test moves.

use meridian_app::{AddUser, App, AuthConfig, ManualClock, Session};
use meridian_domain::user::{Role, UnitKind};
use meridian_domain::{Approval, Lang, RecordId};
use meridian_store::{Actor, NewRecord};
use meridian_test_support::builders::organization;
use meridian_test_support::TestDb;
use std::net::IpAddr;
use std::sync::Arc;

pub const PASSWORD: &str = "correct horse battery";

pub struct Fixture {
    pub app: App,
    pub clock: Arc<ManualClock>,
    /// An administration with `hospital` below it.
    pub province: RecordId,
    pub hospital: RecordId,
    /// A unit of its own.
    pub university: RecordId,
    /// An organization that is not a reporting unit.
    pub loose: RecordId,
}

pub fn ip(last: u8) -> IpAddr {
    IpAddr::from([192, 0, 2, last])
}

pub async fn org(app: &App, zh: &str, en: &str) -> RecordId {
    let record = NewRecord {
        approval: Approval::Approved,
        ..NewRecord::draft(organization(zh, en))
    };
    app.create(record, &Actor::new("setup")).await.unwrap().id
}

pub async fn fixture(db: &TestDb) -> Fixture {
    let clock = Arc::new(ManualClock::starting_now());
    let app = App::new(db.open().await).with_auth(AuthConfig::default(), clock.clone());
    let province = org(&app, "江苏省卫生健康委员会", "Jiangsu Health Commission").await;
    let hospital = org(&app, "南京鼓楼医院", "Nanjing Drum Tower Hospital").await;
    let university = org(&app, "清华大学", "Tsinghua University").await;
    let loose = org(
        &app,
        "北京协和医院",
        "Peking Union Medical College Hospital",
    )
    .await;
    use UnitKind::*;
    app.add_unit(province, Administration, None).await.unwrap();
    app.add_unit(hospital, Institution, Some(province))
        .await
        .unwrap();
    app.add_unit(university, Institution, None).await.unwrap();
    Fixture {
        app,
        clock,
        province,
        hospital,
        university,
        loose,
    }
}

impl Fixture {
    pub async fn add(&self, name: &str, role: Role, unit: RecordId) {
        let new = AddUser {
            name: name.into(),
            display_name: None,
            role,
            unit,
            language: Lang::En,
        };
        self.app.add_user(new, PASSWORD).await.unwrap();
    }

    pub async fn login(&self, name: &str) -> Session {
        self.app.login(name, PASSWORD, ip(1)).await.unwrap()
    }

    pub fn advance_minutes(&self, minutes: u64) {
        self.clock
            .advance(std::time::Duration::from_secs(minutes * 60));
    }
}
