//! Sending a stored file: as a download, never rendered by the browser in the CRM's origin.

use crate::contacts::StoredFile;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use talent_bridge::profile::percent_encode_segment;

pub fn file_response(file: StoredFile) -> Response {
    let disposition = content_disposition(&file.filename);
    let content_type = HeaderValue::from_str(&file.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let mut response = (StatusCode::OK, file.content).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, content_type);
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    response
}

/// `attachment`, with an ASCII name for old clients and the exact name as RFC 5987 UTF-8.
fn content_disposition(filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        percent_encode_segment(filename)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_safely() {
        assert_eq!(
            content_disposition("Jürgen \"CV\".pdf"),
            "attachment; filename=\"J_rgen _CV_.pdf\"; \
             filename*=UTF-8''J%C3%BCrgen%20%22CV%22.pdf"
        );
    }
}
