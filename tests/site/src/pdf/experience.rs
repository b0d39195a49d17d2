//! The Experience section as the real layout prints it (DESIGN.md §7): one block per company;
//! consecutive positions at one company form a group — the company, its total duration, then
//! each role with its title, dates, location and description.

use super::interface::Interface;
use super::layout::Para;
use super::styles::Look;
use crate::people::Position;

/// The paragraphs of every position; `page_break_before` starts a new page before that role
/// (between a group's company lines and its first role when the role opens a group).
pub fn experience(
    jobs: &[Position],
    words: &Interface,
    look: &Look,
    page_break_before: Option<usize>,
) -> Vec<Para> {
    let mut out = Vec::new();
    let mut start = 0;
    for group in groups(jobs) {
        let space = if start == 0 { 8.0 } else { 16.0 };
        let breaks_here = |i: usize| page_break_before == Some(start + i);
        match group {
            [job] => {
                let mut paras = vec![
                    Para::new(job.company.as_str(), look.company)
                        .space(space)
                        .keep(),
                ];
                paras.extend(role(job, words, look));
                if breaks_here(0)
                    && let Some(first) = paras.first_mut()
                {
                    first.new_page = true;
                }
                out.extend(paras);
            }
            roles => {
                out.push(
                    Para::new(
                        roles.first().map_or("", |j| j.company.as_str()),
                        look.company,
                    )
                    .space(space)
                    .keep(),
                );
                if let Some(total) = group_duration(roles, words) {
                    out.push(Para::new(total, look.detail).keep());
                }
                for (i, job) in roles.iter().enumerate() {
                    let mut paras = role(job, words, look);
                    if let Some(title) = paras.first_mut() {
                        title.space_before = if i == 0 { 6.0 } else { 16.0 };
                        title.new_page = breaks_here(i);
                    }
                    out.extend(paras);
                }
            }
        }
        start += group.len();
    }
    out
}

/// Runs of consecutive positions at the same company.
fn groups(jobs: &[Position]) -> Vec<&[Position]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=jobs.len() {
        let same = match (jobs.get(i - 1), jobs.get(i)) {
            (Some(a), Some(b)) => !a.company.is_empty() && a.company == b.company,
            _ => false,
        };
        if !same {
            if let Some(group) = jobs.get(start..i) {
                out.push(group);
            }
            start = i;
        }
    }
    out
}

/// From the earliest start to the latest end, or to today when a role is still running.
fn group_duration(roles: &[Position], words: &Interface) -> Option<String> {
    let start = roles.iter().map(|j| j.start.as_str()).min()?;
    let end = if roles.iter().any(|j| j.end.is_none()) {
        None
    } else {
        roles.iter().filter_map(|j| j.end.as_deref()).max()
    };
    words.duration_between(start, end)
}

/// A role's title, dates, location and description.
fn role(job: &Position, words: &Interface, look: &Look) -> Vec<Para> {
    let mut out = vec![
        Para::new(job.title.as_str(), look.title).space(2.0).keep(),
        Para::new(
            words.date_range(&job.start, job.end.as_deref()),
            look.detail,
        ),
    ];
    if !job.location.is_empty() {
        if let Some(dates) = out.last_mut() {
            dates.keep_with_next = true;
        }
        out.push(Para::new(job.location.as_str(), look.detail));
    }
    if !job.description.is_empty() {
        if let Some(last) = out.last_mut() {
            last.keep_with_next = true;
        }
        out.push(Para::new(job.description.as_str(), look.body).space(6.0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::interface::ENGLISH;
    use crate::pdf::styles::FIXTURE;

    fn job(company: &str, title: &str, start: &str, end: Option<&str>) -> Position {
        Position {
            title: title.into(),
            company: company.into(),
            employment_type: String::new(),
            start: start.into(),
            end: end.map(Into::into),
            location: String::new(),
            description: String::new(),
        }
    }

    fn texts(paras: &[Para]) -> Vec<&str> {
        paras.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn roles_at_one_company_print_under_one_company_line_with_its_total_duration() {
        let jobs = [
            job("Acme", "Lead", "2023-02", None),
            job("Acme", "Engineer", "2020-01", Some("2023-01")),
            job("Initech", "Intern", "2019-01", Some("2019-06")),
        ];
        let paras = experience(&jobs, &ENGLISH, &FIXTURE, None);
        assert_eq!(
            texts(&paras),
            [
                "Acme",
                "6 years 6 months",
                "Lead",
                "February 2023 - Present (3 years 5 months)",
                "Engineer",
                "January 2020 - January 2023 (3 years 1 month)",
                "Initech",
                "Intern",
                "January 2019 - June 2019 (6 months)",
            ]
        );
        assert!(paras.iter().all(|p| !p.new_page));
    }

    #[test]
    fn a_page_break_before_a_groups_first_role_falls_after_the_company_lines() {
        let jobs = [
            job("Acme", "Lead", "2023-02", None),
            job("Acme", "Engineer", "2020-01", Some("2023-01")),
        ];
        let paras = experience(&jobs, &ENGLISH, &FIXTURE, Some(0));
        let breaks: Vec<&str> = paras
            .iter()
            .filter(|p| p.new_page)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(breaks, ["Lead"]);
    }
}
