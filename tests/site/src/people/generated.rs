//! The generated "Test Person NN" members and the member ids everyone gets.

use super::career::{self, Current};
use super::{Person, Position, Schooling, Visibility};

const TITLES: &[&str] = &[
    "Software Engineer",
    "Product Manager",
    "Data Analyst",
    "Engineering Manager",
    "UX Designer",
    "DevOps Engineer",
    "Solutions Architect",
    "QA Engineer",
    "Frontend Developer",
    "Backend Engineer",
    "Machine Learning Engineer",
];
const COMPANIES: &[&str] = &[
    "Northwind Traders",
    "Contoso",
    "Fabrikam",
    "Globex",
    "Initech",
    "Umbrella Analytics",
    "Hooli",
    "Vandelay Industries",
    "Société Générale des Tests",
    "Acme Corp",
    "Soylent Systems",
    "Wayne Enterprises",
    "Nordström & Søn",
];
const LOCATIONS: &[&str] = &[
    "Amsterdam, North Holland, Netherlands",
    "Zürich, Switzerland",
    "São Paulo, Brazil",
    "Kraków, Małopolskie, Poland",
    "Toronto, Ontario, Canada",
    "Bengaluru, Karnataka, India",
    "Austin, Texas, United States",
    "Paris, Île-de-France, France",
    "Tokyo, Japan",
    "Sydney, New South Wales, Australia",
    "Dublin, County Dublin, Ireland",
];
const SCHOOLS: &[&str] = &[
    "Delft University of Technology",
    "ETH Zürich",
    "Universidade de São Paulo",
    "University of Toronto",
    "Indian Institute of Science",
    "Trinity College Dublin",
    "Sorbonne Université",
];
const SKILLS: &[&str] = &[
    "Rust",
    "TypeScript",
    "Kubernetes",
    "SQL",
    "Figma",
    "Python",
    "Go",
    "Roadmapping",
    "Testing",
    "AWS",
    "PostgreSQL",
    "Leadership",
];

fn pick(list: &[&'static str], i: usize) -> &'static str {
    list.get(i % list.len().max(1)).copied().unwrap_or_default()
}

/// "Test Person NN": deterministic, varied enough to tell cards apart.
pub fn generated(n: usize) -> Person {
    let title = pick(TITLES, n);
    let company = pick(COMPANIES, n * 7);
    let previous = pick(COMPANIES, n * 7 + 3);
    let school = pick(SCHOOLS, n * 3);
    let location = pick(LOCATIONS, n * 5);
    let degree = u8::try_from(1 + n % 3).unwrap_or(2);
    let headline = if n.is_multiple_of(4) {
        format!(
            "{title} at {company} | {} · {}",
            pick(SKILLS, n),
            pick(SKILLS, n + 5)
        )
    } else {
        format!("{title} at {company}")
    };
    let start_year = 2015 + n % 9;
    let mut person = Person {
        public_id: format!("test-person-{n:02}"),
        member_id: String::new(),
        name: format!("Test Person {n:02}"),
        headline,
        title: title.to_string(),
        company: company.to_string(),
        school: school.to_string(),
        location: location.to_string(),
        degree,
        pronouns: None,
        about: format!("Generated test member number {n}. Works as {title} at {company}."),
        email: Some(format!("test.person{n:02}@example.com")),
        phone: n.is_multiple_of(2).then(|| format!("+31 6 5550 {n:04}")),
        website: None,
        connections: u32::try_from(40 + n * 9).unwrap_or(500).min(500),
        followers: u32::try_from(100 + n * 37).unwrap_or(0),
        visibility: Visibility::Public,
        no_pdf: n.is_multiple_of(17),
        experience: vec![
            Position {
                title: title.to_string(),
                company: company.to_string(),
                employment_type: "Full-time".into(),
                start: format!("{start_year}-{:02}", 1 + n % 12),
                end: None,
                location: location.to_string(),
                description: format!("Builds things at {company}."),
            },
            Position {
                title: format!("Junior {title}"),
                company: previous.to_string(),
                employment_type: "Full-time".into(),
                start: format!("{}-{:02}", start_year - 3, 1 + (n + 4) % 12),
                end: Some(format!("{}-{:02}", start_year - 1, 1 + (n + 9) % 12)),
                location: pick(LOCATIONS, n * 5 + 2).to_string(),
                description: String::new(),
            },
        ],
        education: vec![Schooling {
            school: school.to_string(),
            degree: if n.is_multiple_of(2) { "MSc" } else { "BSc" }.into(),
            field: "Computer Science".into(),
            start: (start_year - 8).to_string(),
            end: (start_year - 4).to_string(),
        }],
        skills: vec![
            pick(SKILLS, n).to_string(),
            pick(SKILLS, n + 5).to_string(),
            pick(SKILLS, n + 7).to_string(),
        ],
        languages: vec!["English".into()],
    };
    if let Some(size) = career::size(n) {
        let since = person
            .experience
            .first()
            .and_then(|p| crate::pages::parts::year_month(&p.start))
            .unwrap_or((2020, 1));
        let current = Current {
            title,
            company,
            since,
        };
        person.experience = career::positions(n, size, &current);
        // School ends before the first job starts.
        let first_job = person
            .experience
            .last()
            .and_then(|p| crate::pages::parts::year_month(&p.start))
            .map_or(2000, |(y, _)| y);
        for school in &mut person.education {
            school.start = (first_job - 5).to_string();
            school.end = (first_job - 1).to_string();
        }
        person.about = career::summary(size.summary_paragraphs);
        person.languages = vec!["English".into(), "Dutch".into(), "German".into()];
    }
    person
}

/// A stable member id, 39 characters like the real ones: `ACoAA` and 34 more from a hash
/// of the slug (FNV-1a, then xorshift), so every run hands out the same ids.
pub fn member_id_for(public_id: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    let mut state: u64 = 0xcbf2_9ce4_8422_2325;
    for b in public_id.bytes() {
        state ^= u64::from(b);
        state = state.wrapping_mul(0x0100_0000_01b3);
    }
    let mut id = String::from("ACoAA");
    while id.len() < 39 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let index = usize::try_from(state % 64).unwrap_or(0);
        id.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'A')));
    }
    // A trailing '-' or '_' reads oddly in a URL; the real ids end in a letter or digit.
    if id.ends_with(['-', '_']) {
        id.pop();
        id.push('Q');
    }
    id
}
