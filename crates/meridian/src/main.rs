//! The `meridian` binary: parses the command line, opens the configured database (the only
//! place that names a concrete backend), and runs one use case.

mod cli;
mod commands;
mod exchange;
mod iati;
mod output;
mod search;
mod users;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc rather than the system allocator: an import allocates on one thread (the
/// parser's) what it frees on another, and glibc handed that memory back to the kernel
/// and faulted it in again file after file (two thirds of an IATI run's page faults, about
/// 8% of its CPU time; docs/benchmarks.md). Built with `no_thp` (workspace Cargo.toml):
/// asked for transparent huge pages, the kernel cleared a whole 2 MB page the first time
/// mimalloc touched any byte of it, up to a tenth of an import's CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    init_logging(&cli);
    let runtime = match runtime_for(&cli.command).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::print_error(&e);
            ExitCode::FAILURE
        }
    }
}

/// The server answers requests on every core (a multi-threaded runtime). A one-shot command
/// runs its tasks on the main thread, its parsing and SQLite on threads of their own: an
/// import hands each statement to SQLite's thread and waits for it, and with no runtime
/// workers to wake in between the round trips are shorter (an IATI import about an eighth
/// faster; docs/benchmarks.md).
fn runtime_for(command: &cli::Command) -> tokio::runtime::Builder {
    if matches!(command, cli::Command::Serve { .. }) {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    }
}

/// Logs go to stderr; `MERIDIAN_LOG` sets the filter (e.g. `info`, `meridian::request=warn`)
/// and `MERIDIAN_LOG_FORMAT=json` makes one JSON object per line for log collectors.
fn init_logging(cli: &cli::Cli) {
    let default = if matches!(cli.command, cli::Command::Serve { .. }) {
        "info"
    } else {
        "warn"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("MERIDIAN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if std::env::var("MERIDIAN_LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().init();
    } else {
        builder.init();
    }
}
