//! The site's Content-Security-Policy. The real one allows `'unsafe-eval'` in `script-src`,
//! which is what lets a content script compile WebAssembly; `--strict-csp` takes it away to
//! exercise the extension's fallback (DESIGN.md "Strict page CSP").

const SCRIPT_SRC_USUAL: &str = "script-src 'report-sample' 'unsafe-inline' 'unsafe-eval' 'self' \
     *.licdn.com platform.linkedin.com platform-akam.linkedin.com";
const SCRIPT_SRC_STRICT: &str = "script-src 'self' static.licdn.com";

const REST: &str = "default-src *; \
     connect-src 'self' wss: blob: *.licdn.com *.linkedin.com; \
     style-src 'unsafe-inline' 'self' static.licdn.com; \
     img-src data: blob: 'self' *; \
     font-src data: 'self' *; \
     media-src blob: 'self' *; \
     object-src 'none'; \
     frame-src 'self' blob: data: *; \
     worker-src blob: 'self'; \
     frame-ancestors 'self'; \
     report-uri /security/csp";

/// The header value for this run.
pub fn policy(strict: bool) -> String {
    let script = if strict {
        SCRIPT_SRC_STRICT
    } else {
        SCRIPT_SRC_USUAL
    };
    format!("{script}; {REST}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_policy_allows_eval_and_strict_does_not() {
        assert!(policy(false).contains("'unsafe-eval'"));
        let strict = policy(true);
        assert!(strict.starts_with("script-src 'self' static.licdn.com;"));
        assert!(!strict.contains("unsafe-eval"));
        assert!(!strict.contains("wasm-unsafe-eval"));
    }
}
