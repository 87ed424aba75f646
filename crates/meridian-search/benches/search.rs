//! Search benchmark: builds an on-disk index of N generated bilingual records (default
//! 1,000,000; first argument) and reports build time, size, query and upsert latency.
//! Run with `cargo bench -p meridian-search --bench search [-- N]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use meridian_domain::{Approval, LocalizedText, RecordId, RecordKind};
use meridian_search::{SearchDoc, SearchIndex, SearchQuery};
use std::path::Path;
use std::time::{Duration, Instant};

/// Ordered by how common the word is: the generator draws rank r with weight 1/r (Zipf).
const ZH_WORDS: &str = "的 和 与 在 等 及 合作 中医 医院 国际 中心 中医药 健康 卫生 医疗 发展 交流 \
    培训 项目 研究 疾病 防控 针灸 药物 临床 诊疗 技术 人才 教育 大学 学院 机构 政府 组织 世界 国家 \
    地区 服务 建设 推进 开展 加强 推动 支持 提供 实施 协议 备忘录 签署 援助 医疗队 专家 学者 学生 \
    医生 护士 患者 治疗 预防 公共卫生 传染病 疟疾 结核病 艾滋病 青蒿素 草药 中药 方剂 推拿 气功 太极 \
    养生 康复 护理 药品 器械 标准 指南 规范 注册 认证 质量 安全 监管 科研 实验室 联合 基地 平台 网络 \
    联盟 论坛 会议 研讨会 讲座 展览 文化 传播 宣传 友好 伙伴 关系 双边 多边 区域 一带一路 东盟 非洲 \
    欧洲 亚洲 拉美 周边 边境 应急 救援 捐赠 物资 资金 投资 贸易 出口 产业 企业 市场 经济 社会 人民 \
    民生 社区 基层 乡村 城市 妇幼 儿童 老年 慢性病 心血管 肿瘤 糖尿病 传统医学 现代医学 中西医 结合 \
    创新 数字 信息化 远程 智慧 互联网 数据 成果 经验 模式 机制 体系 能力 水平 领域 学科 优势 特色 \
    品牌 影响 贡献 友谊 互信 共享 共赢 共同体 人类 命运 未来 战略 规划 目标 任务 措施 政策 法规 条约 \
    框架 倡议 宣言 计划 方案 课程 学位 奖学金 进修 考察 访问 接待 来访 出访 代表团 部长 大使馆 领事 \
    卫生部 疾控中心 中医科学院 医科大学 附属医院 人民医院 中医医院 疫苗 检测 筛查 营养 饮水 环境 \
    病毒 细菌 抗生素 手术 诊所";

const EN_WORDS: &str = "the of and in for to with a on by cooperation hospital health medical \
    international centre training medicine research development exchange disease control drug \
    clinical treatment technology education university college institute government organization \
    world national regional service support programme project agreement memorandum signed aid team \
    expert scholar student doctor nurse patient therapy prevention public infectious malaria \
    tuberculosis hiv artemisinin herbal traditional chinese acupuncture massage rehabilitation care \
    pharmaceutical device standard guideline regulation registration certification quality safety \
    laboratory joint base platform network alliance forum conference seminar lecture exhibition \
    culture communication friendship partner partnership bilateral multilateral belt road asean \
    africa europe asia latin america border emergency relief donation supplies funding investment \
    trade export industry enterprise market economy society community rural urban maternal child \
    elderly chronic cardiovascular cancer diabetes modern integrated innovation digital telemedicine \
    data outcome experience model mechanism system capacity level field discipline strength brand \
    impact contribution mutual trust shared future strategy plan goal task measure policy law treaty \
    framework initiative declaration course degree visiting delegation minister embassy ministry \
    academy sciences affiliated people trained courses clinics centres hospitals doctors nurses \
    patients programmes vaccine testing screening nutrition water environment virus bacteria \
    antibiotic surgery clinic volunteers consultation lectures students fellowship herbs decoction \
    formula needle moxibustion cupping tai chi qigong wellness";

const COUNTRIES: &[&str] = &[
    "CN", "NO", "MM", "LA", "KH", "VN", "TH", "KM", "KE", "TZ", "ET", "ZA", "NG", "GH", "US", "GB",
    "FR", "DE", "IT", "RU", "BR", "AR", "AU", "NZ", "JP", "KR", "SG", "MY", "ID", "PK",
];

const KINDS: &[RecordKind] = &[
    RecordKind::Project,
    RecordKind::Activity,
    RecordKind::Organization,
    RecordKind::Agreement,
    RecordKind::Centre,
    RecordKind::News,
    RecordKind::Output,
];

const BATCH: usize = 50_000;
const QUERIES: usize = 200;

/// SplitMix64: small, seedable, good enough to vary generated text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Draws words with Zipf weights (rank r has weight 1/r).
struct Vocabulary {
    words: Vec<&'static str>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new(list: &'static str) -> Self {
        let words: Vec<&str> = list.split_whitespace().collect();
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn word(&self, rng: &mut Rng) -> &'static str {
        let target = rng.unit() * self.cumulative[self.cumulative.len() - 1];
        let i = self.cumulative.partition_point(|c| *c < target);
        self.words[i.min(self.words.len() - 1)]
    }

    /// Chinese: words run together, a comma every few words, a full stop at the end.
    fn zh(&self, rng: &mut Rng, n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(self.word(rng));
            if i + 1 < n && rng.below(7) == 0 {
                s.push('，');
            }
        }
        s.push('。');
        s
    }

    fn en(&self, rng: &mut Rng, n: usize) -> String {
        let words: Vec<&str> = (0..n).map(|_| self.word(rng)).collect();
        let mut s = words.join(" ");
        if let Some(first) = s.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        s.push('.');
        s
    }
}

struct Generator {
    rng: Rng,
    zh: Vocabulary,
    en: Vocabulary,
    units: Vec<RecordId>,
}

impl Generator {
    fn new() -> Self {
        let units = (0..200)
            .map(|i| RecordId::named(&format!("bench:unit:{i}")))
            .collect();
        Generator {
            rng: Rng(2026),
            zh: Vocabulary::new(ZH_WORDS),
            en: Vocabulary::new(EN_WORDS),
            units,
        }
    }

    /// 70% of records in both languages, 20% Chinese only, 10% English only.
    fn doc(&mut self) -> SearchDoc {
        let r = &mut self.rng;
        let langs = r.below(10);
        let (has_zh, has_en) = (langs < 9, langs < 7 || langs == 9);
        let (tz, bz) = (r.between(3, 8), r.between(20, 60));
        let (te, be) = (r.between(3, 8), r.between(15, 45));
        let title_zh = has_zh.then(|| self.zh.zh(r, tz));
        let title_en = has_en.then(|| self.en.en(r, te));
        let text_zh = if has_zh {
            self.zh.zh(r, bz)
        } else {
            String::new()
        };
        let text_en = if has_en {
            self.en.en(r, be)
        } else {
            String::new()
        };
        let countries = (0..r.between(0, 3))
            .map(|_| COUNTRIES[r.below(COUNTRIES.len())].to_string())
            .collect();
        SearchDoc {
            id: RecordId::new(),
            kind: KINDS[r.below(KINDS.len())],
            approval: if r.below(10) < 8 {
                Approval::Approved
            } else {
                Approval::Draft
            },
            unit: Some(self.units[r.below(self.units.len())]),
            title: LocalizedText::from_options(title_zh.clone(), title_en.clone()),
            text_zh: [title_zh.unwrap_or_default(), text_zh].join("\n"),
            text_en: [title_en.unwrap_or_default(), text_en].join("\n"),
            countries,
            year: Some(1990 + r.below(37) as i32),
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Runs `q` QUERIES times and prints p50/p95/p99 and the match count.
fn measure(index: &SearchIndex, label: &str, q: &SearchQuery) {
    let mut times = Vec::with_capacity(QUERIES);
    let mut total = 0;
    for _ in 0..QUERIES {
        let start = Instant::now();
        let results = index.search(q).unwrap();
        times.push(start.elapsed());
        total = results.total;
        assert!(!results.hits.is_empty(), "{label} found nothing");
    }
    times.sort();
    println!(
        "| {label} | {total} | {} | {} | {} |",
        ms(percentile(&times, 0.50)),
        ms(percentile(&times, 0.95)),
        ms(percentile(&times, 0.99)),
    );
}

fn queries(index: &SearchIndex) {
    println!("| query (top 20, with snippets) | matches | p50 | p95 | p99 |");
    println!("|---|---|---|---|---|");
    measure(index, "中医", &SearchQuery::new("中医"));
    measure(index, "hospital", &SearchQuery::new("hospital"));
    measure(index, "中医 hospital", &SearchQuery::new("中医 hospital"));
    let filtered = SearchQuery {
        kinds: vec![RecordKind::Project],
        approval: Some(Approval::Approved),
        country: Some("KE".into()),
        ..SearchQuery::new("针灸")
    };
    measure(index, "针灸, project + approved + KE", &filtered);
    measure(
        index,
        "moxibustion (rare)",
        &SearchQuery::new("moxibustion"),
    );
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// The 1/5/15-minute load averages, to tell a quiet machine from a busy one.
fn load() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() {
    println!("load average at start: {}", load());
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("search");
    let index = SearchIndex::open(&dir).unwrap();
    let mut generator = Generator::new();

    let start = Instant::now();
    let mut done = 0;
    while done < n {
        let batch = BATCH.min(n - done);
        done += index
            .upsert_many((0..batch).map(|_| generator.doc()))
            .unwrap();
    }
    let build = start.elapsed();
    println!(
        "built {done} records in {:.1} s = {:.0} records/s (upsert_many, batches of {BATCH}); \
         {} segments; {:.0} MiB",
        build.as_secs_f64(),
        done as f64 / build.as_secs_f64(),
        index.segment_count(),
        dir_size(&dir) as f64 / 1048576.0
    );
    println!("\nfirst queries after the last commit (cold caches; merges may still run):\n");
    queries(&index);

    let start = Instant::now();
    index.wait_for_merges().unwrap();
    println!(
        "\nafter wait_for_merges ({:.1} s): {} segments, {:.0} MiB\n",
        start.elapsed().as_secs_f64(),
        index.segment_count(),
        dir_size(&dir) as f64 / 1048576.0
    );
    queries(&index);

    let mut times: Vec<Duration> = (0..20)
        .map(|_| {
            let doc = generator.doc();
            let start = Instant::now();
            index.upsert(&doc).unwrap();
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "\nsingle upsert (commit + reload) on {} records: p50 {}, max {}",
        index.len().unwrap(),
        ms(percentile(&times, 0.5)),
        ms(times[times.len() - 1])
    );
    println!("load average at end: {}", load());
}
