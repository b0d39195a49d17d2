//! The real binary: CLI contract (`listening on https://127.0.0.1:<port>`), TLS with the
//! self-signed certificate, any Host header, and a clean exit on SIGTERM.

// Test helpers outside #[test] fns: a failed unwrap is a failed test here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Accepts any certificate, like Chromium with `--ignore-certificate-errors`; the test only
/// checks that the certificate names the site.
#[derive(Debug)]
struct AcceptAny(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for AcceptAny {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

struct Running {
    child: Child,
    port: u16,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fixture-site"))
        .args(["--addr", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .trim_end()
        .strip_prefix("listening on https://127.0.0.1:")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .parse()
        .unwrap();
    Running { child, port }
}

/// One HTTP/1.1 request over TLS with SNI `www.linkedin.com`; returns the raw response and
/// the server's certificate.
async fn fetch(port: u16, host: &str, path: &str) -> (String, Vec<u8>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .unwrap()
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(AcceptAny(provider)))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let name = ServerName::try_from("www.linkedin.com").unwrap();
    let mut tls = connector.connect(name, tcp).await.unwrap();
    let cert = tls.get_ref().1.peer_certificates().unwrap()[0].to_vec();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    tls.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    tls.read_to_end(&mut response).await.ok();
    (String::from_utf8_lossy(&response).into_owned(), cert)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn the_binary_serves_https_for_any_linkedin_host_and_stops_on_sigterm() {
    let mut site = start(&[]);
    let (response, cert) = fetch(site.port, "www.linkedin.com", "/in/ada-lovelace/").await;
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "{}",
        &response[..response.len().min(200)]
    );
    assert!(response.contains("Ada Lovelace | LinkedIn"));
    assert!(response.to_ascii_lowercase().contains("set-cookie: li_at="));
    for name in ["www.linkedin.com", "*.linkedin.com", "localhost"] {
        assert!(contains(&cert, name.as_bytes()), "certificate names {name}");
    }

    let (country, _) = fetch(
        site.port,
        "de.linkedin.com",
        "/in/grace-hopper/details/experience/",
    )
    .await;
    assert!(country.starts_with("HTTP/1.1 200"));
    assert!(country.contains("Grace Hopper | LinkedIn"));

    let status = Command::new("kill")
        .args(["-TERM", &site.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(exit) = site.child.try_wait().unwrap() {
            assert!(exit.success(), "{exit:?}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still running 10 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test]
async fn strict_csp_and_next_design_switches_reach_the_pages() {
    let site = start(&["--strict-csp", "--design", "next"]);
    let (response, _) = fetch(site.port, "www.linkedin.com", "/in/ada-lovelace/").await;
    let lower = response.to_ascii_lowercase();
    assert!(lower.contains("content-security-policy: script-src 'self' static.licdn.com;"));
    assert!(response.contains("<h1"));
    assert!(response.contains("data-member-urn"));
}

#[tokio::test]
async fn the_pdf_mode_flag_sets_the_switch_at_start() {
    let site = start(&["--pdf-mode", "html_login", "--pdf-delay-ms", "10"]);
    let (response, _) = fetch(site.port, "www.linkedin.com", "/_test/pdf-mode").await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.ends_with(r#"{"mode":"html_login","delay_ms":10}"#),
        "{response}"
    );
}
