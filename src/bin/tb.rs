//! `tb` — the inspector: runs the extension's own extraction on a saved page or PDF.

use std::process::ExitCode;
use talent_bridge::site::profile_page::inspect::page_report;

const USAGE: &str = "\
usage: tb page FILE --url URL [--explain]   read a saved page as the page at URL
                                            (a profile, or people search: every card)
                                            --explain: the strategy behind each fact; on
                                            search, what found each card and the labels
                                            taken out of it
       tb pdf FILE [--runs]                 read a profile PDF (--runs: the positioned text)
       tb served-paths                      the path prefixes of the pages the extension
                                            reads (what the build writes into loader.js)

Prints one JSON object. Exit codes: 0 read, 1 FILE cannot be read, 2 usage error.";

/// How a run ends.
enum Failure {
    Usage(String),
    Unreadable(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.split_first() {
        Some((command, rest)) => match command.as_str() {
            "page" => page(rest),
            "pdf" => pdf(rest),
            "served-paths" => served_paths(rest),
            "-h" | "--help" | "help" => {
                println!("{USAGE}");
                Ok(())
            }
            other => Err(Failure::Usage(format!("unknown command: {other}"))),
        },
        None => Err(Failure::Usage("no command given".into())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("tb: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Unreadable(message)) => {
            eprintln!("tb: {message}");
            ExitCode::from(1)
        }
    }
}

/// `tb served-paths`: a JSON array, for the build to put into the URL watcher (issue #20).
fn served_paths(args: &[String]) -> Result<(), Failure> {
    if let Some(extra) = args.first() {
        return Err(Failure::Usage(format!(
            "served-paths takes no argument: {extra}"
        )));
    }
    let json = serde_json::to_string(&talent_bridge::site::SERVED_PATHS)
        .map_err(|err| Failure::Unreadable(err.to_string()))?;
    println!("{json}");
    Ok(())
}

/// `tb page FILE --url URL [--explain]`.
fn page(args: &[String]) -> Result<(), Failure> {
    let mut file = None;
    let mut url = None;
    let mut explain = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--explain" => explain = true,
            "--url" => {
                url = Some(
                    args.next()
                        .ok_or_else(|| Failure::Usage("--url needs a value".into()))?
                        .clone(),
                )
            }
            flag if flag.starts_with("--url=") => {
                url = flag.strip_prefix("--url=").map(str::to_string)
            }
            flag if flag.starts_with("--") => {
                return Err(Failure::Usage(format!("unknown option: {flag}")));
            }
            path if file.is_none() => file = Some(path.to_string()),
            extra => return Err(Failure::Usage(format!("unexpected argument: {extra}"))),
        }
    }
    let file = file.ok_or_else(|| Failure::Usage("page: FILE is missing".into()))?;
    let url = url.ok_or_else(|| Failure::Usage("page: --url URL is missing".into()))?;
    let bytes = std::fs::read(&file)
        .map_err(|e| Failure::Unreadable(format!("cannot read {file}: {e}")))?;
    // Saved pages are not always clean UTF-8; a stray byte must not hide the rest of the page.
    let html = String::from_utf8_lossy(&bytes);
    let report = page_report(&html, &url, explain);
    let text =
        serde_json::to_string_pretty(&report).map_err(|e| Failure::Unreadable(e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// `tb pdf FILE [--runs]`: the fields of corpus/EXPECTED.json, plus education, languages, pages.
fn pdf(args: &[String]) -> Result<(), Failure> {
    let mut file = None;
    let mut runs = false;
    for arg in args {
        match arg.as_str() {
            "--runs" => runs = true,
            flag if flag.starts_with("--") => {
                return Err(Failure::Usage(format!("unknown option: {flag}")));
            }
            path if file.is_none() => file = Some(path.to_string()),
            extra => return Err(Failure::Usage(format!("unexpected argument: {extra}"))),
        }
    }
    let file = file.ok_or_else(|| Failure::Usage("pdf: FILE is missing".into()))?;
    let bytes = std::fs::read(&file)
        .map_err(|e| Failure::Unreadable(format!("cannot read {file}: {e}")))?;
    let unreadable = |e: talent_bridge::pdf::PdfError| Failure::Unreadable(format!("{file}: {e}"));
    if runs {
        print!(
            "{}",
            talent_bridge::pdf::describe_runs(&bytes).map_err(unreadable)?
        );
        return Ok(());
    }
    let profile = talent_bridge::pdf::parse_profile_pdf(&bytes).map_err(unreadable)?;
    let report = serde_json::json!({
        "name": profile.name,
        "headline": profile.headline,
        "location": profile.location,
        "email": profile.email,
        "phone": profile.phone,
        "profile_url": profile.profile_url,
        "top_skills": profile.top_skills,
        "current_positions": profile.current_positions,
        "education": profile.education,
        "languages": profile.languages,
        "pages": profile.pages,
    });
    let text =
        serde_json::to_string_pretty(&report).map_err(|e| Failure::Unreadable(e.to_string()))?;
    println!("{text}");
    Ok(())
}
