//! A self-signed certificate made at every start for the names Chromium is pointed at
//! (`--host-resolver-rules` maps them here; `--ignore-certificate-errors` accepts it).

use rustls::ServerConfig;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use std::sync::Arc;

const NAMES: &[&str] = &[
    "www.linkedin.com",
    "linkedin.com",
    "*.linkedin.com",
    "static.licdn.com",
    "localhost",
    "127.0.0.1",
];

/// TLS settings with a fresh certificate, ALPN h2 and http/1.1, and the ring provider.
pub fn server_config() -> Result<Arc<ServerConfig>, String> {
    let names: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    let certified =
        rcgen::generate_simple_self_signed(names).map_err(|e| format!("certificate: {e}"))?;
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("tls: {e}"))?
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .map_err(|e| format!("tls: {e}"))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}
