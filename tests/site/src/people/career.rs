//! Long careers for a few generated people, so their profile PDFs run to several pages
//! (the real layout breaks pages mid-section) and one of them weighs about 100 KB, the size
//! the benchmark measures. Text is assembled from a fixed pool: the same bytes every run.

use super::Position;

/// Generated people whose PDFs have at least three pages.
pub const LONG: [usize; 3] = [7, 15, 25];
/// The generated person whose PDF is about 100 KB (see README).
pub const LARGE: usize = 30;

/// How long a career is.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub positions: usize,
    /// Per description (16 sentences ≈ 2,000 characters, the real site's limit).
    pub sentences: usize,
    pub summary_paragraphs: usize,
    /// Shortest stint in months; stints vary over the next `spread` months.
    pub min_months: usize,
    pub spread: usize,
}

/// The size of `n`'s career when it is a long one.
pub fn size(n: usize) -> Option<Size> {
    if n == LARGE {
        // A freelancer: many short engagements, each described at length.
        Some(Size {
            positions: 32,
            sentences: 16,
            summary_paragraphs: 4,
            min_months: 6,
            spread: 7,
        })
    } else if LONG.contains(&n) {
        Some(Size {
            positions: 12,
            sentences: 6,
            summary_paragraphs: 2,
            min_months: 14,
            spread: 22,
        })
    } else {
        None
    }
}

const EMPLOYERS: &[&str] = &[
    "Northwind Traders",
    "Contoso",
    "Fabrikam",
    "Globex",
    "Initech",
    "Umbrella Analytics",
    "Hooli",
    "Vandelay Industries",
    "Acme Corp",
    "Soylent Systems",
    "Wayne Enterprises",
];

const ROLES: &[&str] = &[
    "Staff Engineer",
    "Senior Software Engineer",
    "Technical Lead",
    "Software Engineer",
    "Platform Engineer",
    "Consultant",
    "Senior Consultant",
    "Developer",
];

const CITIES: &[&str] = &[
    "Amsterdam, North Holland, Netherlands",
    "Rotterdam, South Holland, Netherlands",
    "Berlin, Germany",
    "London, England, United Kingdom",
    "Dublin, County Dublin, Ireland",
    "Remote",
];

/// Sentences a real description might hold; `{c}` is the employer, `{r}` the role.
const SENTENCES: &[&str] = &[
    "Led the migration of the order pipeline at {c} from nightly batches to event streams, cutting the time from checkout to warehouse from hours to seconds.",
    "Introduced property-based tests for the pricing engine and found three rounding bugs that had been costing customers money for years.",
    "Mentored six engineers as {r}; two of them now lead teams of their own.",
    "Owned the on-call rotation for the payments platform and brought the monthly page count down from forty to fewer than five.",
    "Designed the public API that partners use to sync inventory, now handling about 30 million calls a day.",
    "Rewrote the reporting service in Rust, halving memory use and removing a whole class of crashes caused by unchecked input.",
    "Worked with product and design on a new onboarding flow that raised activation by 18% in one quarter.",
    "Ran the hiring loop for backend engineers: wrote the take-home exercise, trained interviewers and kept the process under three weeks.",
    "Moved forty services to Kubernetes with zero customer-facing downtime, one team at a time.",
    "Built the feature-flag system still used by every team at {c} to ship behind toggles and roll back in seconds.",
    "Wrote and maintained the internal style guide; ran monthly review sessions on readability and error handling.",
    "Replaced a fragile cron-based scheduler with a durable job queue, making retries safe and visible.",
    "Cut the cloud bill by a third by right-sizing databases, adding caching in front of the catalogue and deleting what nobody used.",
    "Partnered with security on threat modelling for every new service; closed the last critical finding from the yearly audit.",
    "Spoke at two conferences about testing distributed systems and published the slides and the example code.",
    "Drove the accessibility programme: keyboard navigation, screen-reader labels and contrast fixes across the customer portal.",
    "Negotiated the contract with the data provider and built the import that checks every file before it touches production.",
    "Coordinated the release train for five teams, moving from quarterly releases to weekly ones.",
    "Set up observability from scratch: structured logs, traces across services and dashboards the support team actually reads.",
    "Kept a legacy Java monolith running while carving out the billing and notification services around it.",
    "Prototyped a recommendation model with the data team and turned it into a service with a 50 ms budget.",
    "Represented engineering in the works council and helped write the remote-work policy.",
    "Planned and delivered the GDPR programme for the customer database, including export and deletion on request.",
    "Organised the internal hack week; three of the projects became products.",
];

const SUMMARY: &[&str] = &[
    "I build software that keeps working when the load doubles, the network hiccups and the person who wrote it has moved on. Over the years that has meant payment systems, logistics platforms, public APIs and a fair amount of untangling other people's legacy code, which I enjoy more than I probably should.",
    "What I care about: small services with clear owners, tests that describe behaviour rather than implementation, and monitoring that tells you what broke before a customer does. I like working close to product and design, and I like it even more when the people who answer support tickets are in the room.",
    "Outside work I mentor career-changers through a local bootcamp, contribute to a couple of open-source libraries for parsing and serialisation, and run a small meetup about reliability engineering. I speak English, Dutch and enough German to order coffee and argue about football.",
    "Currently interested in: Rust in production, event-driven architecture that stays debuggable, and engineering management that keeps one foot in the code. Happy to talk about any of it over coffee or a long walk.",
];

fn pick<'a>(list: &[&'a str], i: usize) -> &'a str {
    list.get(i % list.len().max(1)).copied().unwrap_or_default()
}

/// The summary: `paragraphs` paragraphs, separated by blank lines.
pub fn summary(paragraphs: usize) -> String {
    (0..paragraphs)
        .map(|i| pick(SUMMARY, i))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Where a career stands today: the current job and when it started (`(year, month)`).
pub struct Current<'a> {
    pub title: &'a str,
    pub company: &'a str,
    pub since: (i32, i32),
}

/// `size.positions` positions, newest first (the current one first), each one to three years long.
pub fn positions(n: usize, size: Size, current: &Current<'_>) -> Vec<Position> {
    let (mut year, mut month) = current.since;
    let mut out: Vec<Position> = Vec::with_capacity(size.positions);
    for k in 0..size.positions {
        let (company, role) = if k == 0 {
            (current.company, current.title)
        } else {
            let mut company = pick(EMPLOYERS, n + k * 4);
            if out.last().is_some_and(|p| p.company == company) {
                company = pick(EMPLOYERS, n + k * 4 + 1);
            }
            (company, pick(ROLES, n + k))
        };
        let description = (0..size.sentences)
            .map(|s| {
                pick(SENTENCES, n + k * 5 + s * 7)
                    .replace("{c}", company)
                    .replace("{r}", role)
            })
            .collect::<Vec<_>>()
            .chunks(3)
            .map(|chunk| chunk.join(" "))
            .collect::<Vec<_>>()
            .join("\n");
        let end = (k > 0).then(|| {
            // The previous job ended the month before the next one started.
            let (y, m) = if month == 1 {
                (year - 1, 12)
            } else {
                (year, month - 1)
            };
            format!("{y}-{m:02}")
        });
        if k > 0 {
            let months = size.min_months + (n + k * 5) % size.spread.max(1);
            let months = i32::try_from(months).unwrap_or(12);
            let total = year * 12 + (month - 1) - months;
            year = total / 12;
            month = total % 12 + 1;
        }
        out.push(Position {
            title: role.to_string(),
            company: company.to_string(),
            employment_type: if size.min_months < 12 || k % 4 == 3 {
                "Contract"
            } else {
                "Full-time"
            }
            .into(),
            start: format!("{year}-{month:02}"),
            end,
            location: pick(CITIES, n + k * 2).to_string(),
            description,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_run_back_in_time_without_gaps_or_repeated_neighbours() {
        let current = Current {
            title: "Staff Engineer",
            company: "Contoso",
            since: (2021, 3),
        };
        let jobs = positions(7, size(7).unwrap(), &current);
        assert_eq!(jobs.len(), 12);
        assert_eq!(jobs[0].company, "Contoso");
        assert_eq!(jobs[0].start, "2021-03");
        assert_eq!(jobs[0].end, None);
        assert_eq!(jobs[1].end.as_deref(), Some("2021-02"));
        for pair in jobs.windows(2) {
            assert!(pair[1].start < pair[0].start);
            assert_ne!(pair[0].company, pair[1].company);
        }
        assert_eq!(jobs[0].description.lines().count(), 2);
    }
}
