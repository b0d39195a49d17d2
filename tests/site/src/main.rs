//! `fixture-site --addr 127.0.0.1:0 [--strict-csp] [--design current|next|hashed-2025|member-id-2018] [--lang en|fr|de]
//!  [--pdf-mode normal|html_login|server_error|slow] [--pdf-delay-ms N]`
//!
//! Prints `listening on https://127.0.0.1:<port>` once bound (tests parse that line), then
//! serves until SIGTERM or Ctrl-C.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;
use talent_bridge_site::graphql::PdfAction;
use talent_bridge_site::{Design, Lang, PdfMode, Site, SiteConfig};

const USAGE: &str = "usage: fixture-site [--addr 127.0.0.1:0] [--strict-csp] [--hostile] [--design current|next|hashed-2025|member-id-2018] [--lang en|fr|de] \
[--pdf-mode normal|html_login|server_error|slow] [--pdf-delay-ms N] \
[--pdf-action both|rest|refused|rate_limited|no_url|unpublished]";

struct Args {
    addr: SocketAddr,
    config: SiteConfig,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut addr = SocketAddr::from(([127, 0, 0, 1], 0));
    let mut config = SiteConfig::default();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_string(), Some(v.to_string())),
            None => (arg, None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--addr" => {
                let v = value("--addr")?;
                addr = v.parse().map_err(|e| format!("--addr {v}: {e}"))?;
            }
            "--design" => config.design = value("--design")?.parse::<Design>()?,
            "--lang" => config.lang = value("--lang")?.parse::<Lang>()?,
            "--strict-csp" => config.strict_csp = true,
            "--hostile" => config.hostile = true,
            "--pdf-mode" => config.pdf.mode = value("--pdf-mode")?.parse::<PdfMode>()?,
            "--pdf-delay-ms" => {
                let v = value("--pdf-delay-ms")?;
                config.pdf.delay_ms = v.parse().map_err(|e| format!("--pdf-delay-ms {v}: {e}"))?;
            }
            "--pdf-action" => {
                config.pdf_action = value("--pdf-action")?.parse::<PdfAction>()?;
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(Args { addr, config })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let site = match Site::new(args.config) {
        Ok(site) => site,
        Err(message) => {
            eprintln!("fixture-site: {message}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match std::net::TcpListener::bind(args.addr) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("fixture-site: cannot bind {}: {e}", args.addr);
            return ExitCode::FAILURE;
        }
    };
    let bound = match listener.local_addr() {
        Ok(addr) => addr,
        Err(e) => {
            eprintln!("fixture-site: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    // Tests read this one line to learn the port; nothing else goes to stdout.
    if writeln!(stdout, "listening on https://{bound}")
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    drop(stdout);

    let handle = axum_server::Handle::new();
    tokio::spawn(stop_on_signal(handle.clone()));
    match talent_bridge_site::serve(listener, site, handle).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fixture-site: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn stop_on_signal(handle: axum_server::Handle<SocketAddr>) {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    handle.graceful_shutdown(Some(Duration::from_secs(2)));
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
    handle.graceful_shutdown(Some(Duration::from_secs(2)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn reads_every_flag() {
        let args = parse(&[
            "--addr",
            "127.0.0.1:8443",
            "--strict-csp",
            "--design=next",
            "--pdf-mode",
            "slow",
            "--pdf-delay-ms=250",
            "--lang",
            "de",
        ])
        .unwrap();
        assert_eq!(args.addr.port(), 8443);
        assert!(args.config.strict_csp);
        assert_eq!(args.config.design, Design::Next);
        assert_eq!(args.config.lang, Lang::De);
        assert_eq!(args.config.pdf.mode, PdfMode::Slow);
        assert_eq!(args.config.pdf.delay_ms, 250);
        for (name, design) in [
            ("current", Design::Current),
            ("hashed-2025", Design::Hashed2025),
            ("member-id-2018", Design::MemberId2018),
        ] {
            assert_eq!(parse(&["--design", name]).unwrap().config.design, design);
        }
        let defaults = parse(&[]).unwrap();
        assert_eq!(defaults.addr.port(), 0);
        assert!(!defaults.config.strict_csp);
        assert_eq!(defaults.config.design, Design::Current);
        assert_eq!(defaults.config.lang, Lang::En);
        assert_eq!(defaults.config.pdf.mode, PdfMode::Normal);
    }

    #[test]
    fn refuses_unknown_flags_and_designs() {
        assert!(parse(&["--design", "old"]).is_err());
        assert!(parse(&["--design", "hashed"]).is_err());
        assert!(parse(&["--verbose"]).is_err());
        assert!(parse(&["--lang", "es"]).is_err());
        assert!(parse(&["--addr"]).is_err());
        assert!(parse(&["--pdf-mode", "flaky"]).is_err());
        assert!(parse(&["--pdf-delay-ms", "soon"]).is_err());
    }
}
