use clap::Parser;
use std::process::ExitCode;
use talent_bridge_crm::cli::{Cli, run};

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crm: error: {e}");
            ExitCode::FAILURE
        }
    }
}
