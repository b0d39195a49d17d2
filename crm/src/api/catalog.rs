//! `GET /api/v1/pools?q=` and `GET /api/v1/vacancies?q=`: the public pools and vacancies a
//! recruiter can put a contact in (PRODUCT.md E2).

use crate::app::AppState;
use crate::auth::ApiUser;
use crate::error::AppError;
use crate::params;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use serde::Deserialize;
use talent_bridge::crm::{ApiError, Permission, Pool, PoolList, Vacancy, VacancyList};

/// The most entries one search returns; a picker shows a handful.
const MAX_RESULTS: i64 = 50;
const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CatalogQuery {
    /// Part of the name (or, for vacancies, of the CRM id such as `V-101`). Empty lists all.
    #[serde(default)]
    pub q: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/v1/pools",
    tag = "catalog",
    params(CatalogQuery),
    responses(
        (status = 200, description = "Public pools whose name contains q, by name", body = PoolList),
        (status = 400, description = "q too long", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn pools(
    State(state): State<AppState>,
    user: ApiUser,
    query: Result<Query<CatalogQuery>, QueryRejection>,
) -> Result<Json<PoolList>, AppError> {
    user.require(Permission::View)?;
    let pattern = like_pattern(query?.0.q.as_deref())?;
    let pools = state
        .db
        .run(move |conn| {
            // ASCII case folded on both sides: SQLite's LIKE and NOCASE, PostgreSQL's lower()
            // on "C" columns (the pattern is folded the same way here).
            conn.query_map(
                "SELECT id, name FROM pools
                 WHERE public = 1 AND lower(name) LIKE ?1 ESCAPE '\\'
                 ORDER BY lower(name), name LIMIT ?2",
                params![pattern, MAX_RESULTS],
                |row| {
                    Ok(Pool {
                        id: row.get(0)?,
                        name: row.get(1)?,
                    })
                },
            )
        })
        .await?;
    Ok(Json(PoolList { pools }))
}

#[utoipa::path(
    get,
    path = "/api/v1/vacancies",
    tag = "catalog",
    params(CatalogQuery),
    responses(
        (status = 200, description = "Open public vacancies whose name or CRM id contains q \
            (never the ATS id)", body = VacancyList),
        (status = 400, description = "q too long", body = ApiError),
        (status = 401, description = "Missing, expired or revoked token", body = ApiError),
    ),
    security(("bearer" = []))
)]
pub async fn vacancies(
    State(state): State<AppState>,
    user: ApiUser,
    query: Result<Query<CatalogQuery>, QueryRejection>,
) -> Result<Json<VacancyList>, AppError> {
    user.require(Permission::View)?;
    let pattern = like_pattern(query?.0.q.as_deref())?;
    let vacancies = state
        .db
        .run(move |conn| {
            conn.query_map(
                "SELECT id, crm_ref, name FROM vacancies
                 WHERE public = 1 AND status = 'open'
                   AND (lower(name) LIKE ?1 ESCAPE '\\' OR lower(crm_ref) LIKE ?1 ESCAPE '\\')
                 ORDER BY lower(name), crm_ref LIMIT ?2",
                params![pattern, MAX_RESULTS],
                |row| {
                    Ok(Vacancy {
                        id: row.get(0)?,
                        crm_id: row.get(1)?,
                        name: row.get(2)?,
                    })
                },
            )
        })
        .await?;
    Ok(Json(VacancyList { vacancies }))
}

/// `%q%` for SQL LIKE, with the user's `%`, `_` and `\` taken literally.
fn like_pattern(q: Option<&str>) -> Result<String, AppError> {
    let q = q.unwrap_or_default().trim();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::bad_request(format!(
            "The search text is longer than {MAX_QUERY_CHARS} characters; shorten it."
        )));
    }
    let mut pattern = String::with_capacity(q.len() + 2);
    pattern.push('%');
    for c in q.to_ascii_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Ok(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_in_the_search_are_literal() {
        assert_eq!(like_pattern(None).unwrap(), "%%");
        assert_eq!(like_pattern(Some(" 50%_a\\ ")).unwrap(), "%50\\%\\_a\\\\%");
        assert!(like_pattern(Some(&"x".repeat(201))).is_err());
    }
}
