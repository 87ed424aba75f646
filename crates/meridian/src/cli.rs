//! The command line, as the interface contract in docs/product.md states it.

use clap::{Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "meridian",
    version,
    about = "Record, monitor and publish international cooperation in medicine and health."
)]
pub struct Cli {
    /// Database URL: sqlite://FILE (created on first use) or postgres://USER@HOST:PORT/DB.
    #[arg(
        long,
        global = true,
        env = "MERIDIAN_DATABASE_URL",
        default_value = "sqlite://meridian.db"
    )]
    pub database: String,

    /// Search index directory, used by `serve` and `search` only [default: FILE.search
    /// beside a SQLite FILE; ./meridian-search for PostgreSQL].
    #[arg(long, global = true, env = "MERIDIAN_INDEX_DIR")]
    pub index: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The whole database as a Meridian archive (docs/archive-format.md); with --kind, a
    /// JSON array of that kind's records.
    Json,
    /// One kind's records in the flat layout (docs/exchange.md), UTF-8 with BOM.
    Csv,
    /// One kind's records in the flat layout, one sheet.
    Xlsx,
    /// Projects and activities as IATI 2.03 activity XML.
    Iati,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the demonstration data drawn from the seed documents (running it again changes nothing).
    Demo,
    /// Serve the application over HTTP.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: SocketAddr,
        /// Load the demonstration data first (as `meridian demo` does).
        #[arg(long)]
        demo: bool,
        /// World boundaries for the maps (GeoJSON FeatureCollection, each feature with an
        /// ISO 3166-1 alpha-2 `code` property), instead of the embedded ones.
        #[arg(long, env = "MERIDIAN_BOUNDARIES", value_name = "FILE")]
        boundaries: Option<std::path::PathBuf>,
    },
    /// Count live records per kind.
    Stats {
        #[arg(long, value_enum, default_value = "text")]
        format: StatsFormat,
    },
    /// Export the database, or with --kind every live record of one kind.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Only this kind, in the flat layout (required for csv and xlsx).
        #[arg(long)]
        kind: Option<String>,
        /// Language of the column headers: zh or en.
        #[arg(long, default_value = "zh")]
        language: String,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Import records from CSV, .xlsx or per-kind JSON files, or IATI .xml: each file all or
    /// nothing, each with its own report; fails when any file was refused.
    Import {
        /// One or more files. IATI files (.xml) are imported together (one matching scan);
        /// the others one by one.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Check and report what would be created, updated and left unchanged; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Apply a saved column mapping.
        #[arg(long)]
        mapping: Option<String>,
        /// The kind of record in the file [default: from the sheet name or the headers].
        #[arg(long)]
        kind: Option<String>,
        /// Language of the report: zh or en.
        #[arg(long, default_value = "en")]
        language: String,
        /// A column mapping "Their header=name.zh" (repeatable).
        #[arg(long = "map", value_name = "HEADER=COLUMN")]
        map: Vec<String>,
        /// Save the --map pairs (and --kind) under this name, then stop.
        #[arg(long, value_name = "NAME")]
        save_mapping: Option<String>,
    },
    /// Write an import template for a kind: headers, an example row, and (xlsx) the codes.
    Template {
        kind: String,
        #[arg(long, value_enum)]
        format: TemplateFormat,
        /// zh or en.
        #[arg(long, default_value = "zh")]
        language: String,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Write a backup: the whole database, trash and history included, as an archive.
    Backup { file: PathBuf },
    /// Restore a backup or JSON export into an empty database.
    Restore {
        file: PathBuf,
        /// Replace everything in a database that is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Show one record as JSON.
    Show { kind: String, id: String },
    /// List a record's history: every version, who made it, when, and what changed.
    History {
        kind: String,
        id: String,
        /// Print every entry in full (who, when, the whole state before and after) as JSON lines.
        #[arg(long)]
        json: bool,
    },
    /// Make an earlier version of a record current again (kept as a new version).
    Revert {
        kind: String,
        id: String,
        version: i64,
    },
    /// Move a record to the trash.
    Delete { kind: String, id: String },
    /// List the records in the trash.
    Trash,
    /// Bring a record back from the trash.
    Undelete { id: String },
    /// Manage the people who sign in: add, list, disable, enable, reset-password.
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// The public portal: `portal export DIR` writes it as static files.
    Portal {
        #[command(subcommand)]
        action: PortalCommand,
    },
    /// Reports: `report progress` writes a plan's progress as JSON, Excel, Word or PDF.
    Report {
        #[command(subcommand)]
        action: ReportCommand,
    },
    /// Manage reporting units: the organizations users belong to.
    Unit {
        #[command(subcommand)]
        action: UnitCommand,
    },
    /// Search every record in Chinese or English (`search rebuild` rebuilds the index).
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Search {
        #[command(subcommand)]
        action: Option<SearchCommand>,
        /// The words to find.
        #[arg(required = true)]
        query: Vec<String>,
        /// Only records of this kind.
        #[arg(long)]
        kind: Option<String>,
        /// Show at most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum SearchCommand {
    /// Rebuild the search index from the database (stop `serve` first: one process at a time).
    Rebuild,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user. The password is one line on standard input (at least 10 characters).
    Add {
        /// Sign-in name: 2-64 letters, digits, '.', '_' or '-'.
        name: String,
        /// admin, approver, editor or viewer.
        #[arg(long)]
        role: String,
        /// The user's reporting unit: an organization's record id, exact name or acronym.
        #[arg(long)]
        unit: String,
        #[arg(long)]
        display_name: Option<String>,
        /// zh or en.
        #[arg(long, default_value = "zh")]
        language: String,
    },
    /// List users: name, role, status, last sign-in and unit.
    List,
    /// Stop a user from signing in and end their sessions.
    Disable { name: String },
    /// Let a disabled user sign in again.
    Enable { name: String },
    /// Set a new password, read as one line from standard input; ends the user's sessions.
    ResetPassword { name: String },
}

#[derive(Debug, Subcommand)]
pub enum PortalCommand {
    /// Write every portal page (both languages), its downloads and assets into DIR.
    Export { dir: std::path::PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// A plan's indicators against baselines and targets, status and reporting completeness.
    Progress {
        /// The plan's record id (default: the plan whose period ends last).
        #[arg(long)]
        plan: Option<String>,
        #[arg(long, value_enum)]
        format: ReportFileFormat,
        /// zh or en.
        #[arg(long, default_value = "zh")]
        language: String,
        /// The file to write.
        #[arg(short = 'o', long)]
        output: std::path::PathBuf,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportFileFormat {
    Json,
    Xlsx,
    Docx,
    Pdf,
}

#[derive(Debug, Subcommand)]
pub enum UnitCommand {
    /// Make an organization a reporting unit.
    Add {
        /// The organization's record id, exact name or acronym.
        org: String,
        /// institution, or administration (an administration contains other units).
        #[arg(long)]
        kind: String,
        /// The administration this unit belongs to.
        #[arg(long)]
        parent: Option<String>,
    },
    /// List reporting units.
    List,
}
