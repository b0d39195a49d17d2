//! The extension's PDF parser (`talent_bridge::pdf`) reading what this generator writes, in
//! every interface language of `translations` and in both looks (the fixture's, and the sizes
//! measured on real files): three people each (roles grouped under one company with two still
//! running, a group split over a page break, wrapped emails, a headline wrapped after a
//! hyphen), every field compared, so nothing may leak from one field into another (proves E3:
//! "parse it into fields").

// Test code: a PDF the parser refuses is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use super::interface::Interface;
use super::layout::wrap;
use super::profile::{Options, SIDEBAR_WIDTH, main_width, render_with};
use super::samples::{LOCALS, Local};
use super::styles::{FIXTURE, Look, MEASURED};
use super::translations::INTERFACES;
use super::winansi;
use crate::people::{Person, Position, Schooling, Visibility};
use talent_bridge::case;
use talent_bridge::crm::Position as Current;
use talent_bridge::pdf::{PdfProfile, parse_profile_pdf};

/// One generated PDF and what a correct reader gets from it.
struct Case {
    name: String,
    pdf: Vec<u8>,
    expected: PdfProfile,
}

fn words(code: &str) -> &'static Interface {
    INTERFACES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, words)| words)
        .unwrap_or_else(|| panic!("no interface {code}"))
}

fn job(title: &str, company: &str, start: &str, end: Option<&str>, about: &str) -> Position {
    Position {
        title: title.into(),
        company: company.into(),
        employment_type: String::new(),
        start: start.into(),
        end: end.map(Into::into),
        location: String::new(),
        description: about.into(),
    }
}

fn school(entry: (&str, &str, &str), start: &str, end: &str) -> Schooling {
    Schooling {
        school: entry.0.into(),
        degree: entry.1.into(),
        field: entry.2.into(),
        start: start.into(),
        end: end.into(),
    }
}

fn member(local: &Local, index: usize) -> Person {
    let name = local.names[index];
    Person {
        public_id: format!("{}-{}", case::lower(name).replace(' ', "-"), local.code),
        member_id: String::new(),
        name: name.into(),
        headline: String::new(),
        title: String::new(),
        company: String::new(),
        school: String::new(),
        location: local.location.into(),
        degree: 1,
        pronouns: None,
        about: String::new(),
        email: None,
        phone: None,
        website: None,
        connections: 500,
        followers: 0,
        visibility: Visibility::Public,
        no_pdf: false,
        experience: Vec::new(),
        education: Vec::new(),
        skills: Vec::new(),
        languages: Vec::new(),
    }
}

/// The headline's opening, pad words and the hyphenated word, padded until the line breaks
/// right after the word's first hyphen ("… Problem-" / "Solver").
fn headline_wrapped_at_hyphen(local: &Local, look: &Look, width: f32) -> String {
    let (opening, pads, word) = local.headline;
    let pads: Vec<&str> = pads.iter().copied().cycle().take(24).collect();
    let first = word.split_inclusive('-').next().unwrap_or(word);
    // Short extras give finer steps than the pad words alone.
    let extras = ["", "AI", "UX", "IoT", "SaaS", "B2B", "Web3", "DevOps"];
    (0..=pads.len())
        .flat_map(|n| extras.iter().map(move |extra| (n, *extra)))
        .map(|(n, extra)| {
            let mut parts = vec![opening];
            parts.extend(&pads[..n]);
            if !extra.is_empty() {
                parts.push(extra);
            }
            parts.push(word);
            parts.join(" · ")
        })
        .find(|headline| {
            let lines = wrap(headline, look.headline.font, look.headline.size, width);
            lines.len() == 2 && lines[0].ends_with(&format!(" {first}"))
        })
        .unwrap_or_else(|| panic!("{}: no headline wraps at {word}", local.code))
}

/// `user…@domain`, lengthened until the printed address wraps as `wraps` wants.
fn wrapped_email(
    look: &Look,
    user: &str,
    domain: &str,
    wraps: impl Fn(&[String]) -> bool,
) -> String {
    const MORE: &str = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
    let text = look.side_text;
    (0..MORE.len())
        .map(|n| format!("{user}{}@{domain}", &MORE[..n]))
        .find(|email| wraps(&wrap(email, text.font, text.size, SIDEBAR_WIDTH)))
        .unwrap_or_else(|| panic!("no wrap of {user}@{domain}"))
}

/// Its last one or two letters alone on the second line.
fn email_with_spilled_letters(look: &Look, user: &str, domain: &str) -> String {
    wrapped_email(look, user, domain, |lines| {
        lines.len() == 2 && (1..=2).contains(&lines[1].chars().count())
    })
}

/// Broken after the domain's hyphen.
fn email_broken_at_hyphen(look: &Look, user: &str, domain: &str) -> String {
    wrapped_email(look, user, domain, |lines| {
        lines.len() == 2 && lines[0].ends_with('-')
    })
}

fn page_count(pdf: &[u8]) -> u32 {
    pdf.windows(12).filter(|w| w == b"/Type /Page ").count() as u32
}

fn current(job: &Position, words: &Interface) -> Current {
    Current {
        company: job.company.clone(),
        title: job.title.clone(),
        since: Some(words.month_label(&job.start)),
    }
}

/// The expected profile of `person` rendered in `words`, with the given current roles.
fn expected(person: &Person, words: &Interface, pdf: &[u8], current_roles: &[usize]) -> PdfProfile {
    let education = person
        .education
        .iter()
        .map(|s| {
            format!(
                "{} · {}, {} · ({} - {})",
                s.school, s.degree, s.field, s.start, s.end
            )
        })
        .collect();
    PdfProfile {
        name: Some(person.name.clone()),
        headline: Some(person.headline.clone()),
        location: Some(person.location.clone()),
        email: person.email.clone(),
        phone: person.phone.clone(),
        profile_url: Some(format!(
            "www.linkedin.com/in/{}",
            crate::url::encode(&person.public_id)
        )),
        top_skills: (!person.skills.is_empty()).then(|| person.skills.clone()),
        languages: languages_of(person, words),
        summary: (!person.about.is_empty()).then(|| person.about.replace("\n\n", "\n")),
        current_positions: current_roles
            .iter()
            .map(|&i| current(&person.experience[i], words))
            .collect(),
        education,
        pages: page_count(pdf),
    }
}

fn languages_of(person: &Person, words: &Interface) -> Vec<String> {
    person
        .languages
        .iter()
        .zip(words.proficiency)
        .map(|(language, level)| format!("{language} ({level})"))
        .collect()
}

/// Three roles at one company, two still running, then another company; a phone, a website,
/// certifications, an email whose last letters wrap alone, a headline wrapped after a hyphen.
fn grouped(local: &Local, words: &'static Interface, look: &'static Look) -> Case {
    let mut person = member(local, 0);
    person.headline = headline_wrapped_at_hyphen(local, look, main_width(&person));
    person.email = Some(email_with_spilled_letters(
        look,
        local.users[0],
        local.domain,
    ));
    person.phone = Some(local.phone.into());
    person.website = Some(format!("https://www.{}/", local.domain));
    person.about = local.about.join("\n\n");
    let [a, b, _] = local.companies;
    person.experience = vec![
        job(local.titles[0], a, "2023-02", None, local.about[0]),
        job(local.titles[1], a, "2021-05", None, local.about[1]),
        job(
            local.titles[2],
            a,
            "2018-03",
            Some("2021-04"),
            local.about[0],
        ),
        job(local.titles[3], b, "2015-09", Some("2018-02"), ""),
    ];
    person.education = vec![
        school(local.schools[0], "2012", "2014"),
        school(local.schools[1], "2008", "2012"),
    ];
    person.skills = local.skills.iter().map(|s| s.to_string()).collect();
    person.languages = local.languages.iter().map(|s| s.to_string()).collect();
    let options = Options {
        interface: words,
        look,
        page_break_before_role: None,
        certifications: local.certifications.iter().map(|s| s.to_string()).collect(),
    };
    let pdf = render_with(&person, &options);
    Case {
        name: format!("{} grouped{}", local.code, look_name(look)),
        expected: expected(&person, words, &pdf, &[0, 1]),
        pdf,
    }
}

/// A company whose name and total duration end one page while its roles start the next; an
/// email broken after its domain's hyphen; no phone, website or certifications.
fn split_group(local: &Local, words: &'static Interface, look: &'static Look) -> Case {
    let mut person = member(local, 1);
    person.headline = format!("{} · {}", local.titles[0], local.companies[0]);
    person.email = Some(email_broken_at_hyphen(
        look,
        local.users[1],
        local.hyphen_domain,
    ));
    person.about = [local.about[0], local.about[1], local.about[0]].join("\n\n");
    let [a, b, _] = local.companies;
    person.experience = vec![
        job(local.titles[0], a, "2022-09", None, local.about[1]),
        job(
            local.titles[2],
            a,
            "2019-01",
            Some("2022-08"),
            local.about[0],
        ),
        job(
            local.titles[3],
            b,
            "2016-01",
            Some("2018-12"),
            local.about[1],
        ),
    ];
    person.education = vec![school(local.schools[0], "2011", "2015")];
    person.skills = local.skills[..2].iter().map(|s| s.to_string()).collect();
    person.languages = vec![local.languages[0].to_string()];
    let options = Options {
        interface: words,
        look,
        page_break_before_role: Some(0),
        certifications: Vec::new(),
    };
    let pdf = render_with(&person, &options);
    Case {
        name: format!("{} split group{}", local.code, look_name(look)),
        expected: expected(&person, words, &pdf, &[0]),
        pdf,
    }
}

/// One current role, then an earlier company whose two roles straddle a page break; a short
/// email, no summary, no Top Skills (Languages follow Contact directly).
fn plain(local: &Local, words: &'static Interface, look: &'static Look) -> Case {
    let mut person = member(local, 2);
    person.headline = local.titles[1].into();
    person.email = Some(format!("{}@{}", local.users[2], local.domain));
    person.phone = Some(local.phone.into());
    let [a, _, c] = local.companies;
    person.experience = vec![
        job(local.titles[1], c, "2024-03", None, ""),
        job(
            local.titles[2],
            a,
            "2019-01",
            Some("2024-02"),
            local.about[0],
        ),
        job(
            local.titles[3],
            a,
            "2016-05",
            Some("2018-12"),
            local.about[1],
        ),
    ];
    person.education = vec![school(local.schools[1], "2012", "2016")];
    person.languages = local.languages.iter().map(|s| s.to_string()).collect();
    let options = Options {
        interface: words,
        look,
        page_break_before_role: Some(2),
        certifications: vec![local.certifications[0].to_string()],
    };
    let pdf = render_with(&person, &options);
    Case {
        name: format!("{} plain{}", local.code, look_name(look)),
        expected: expected(&person, words, &pdf, &[0]),
        pdf,
    }
}

fn look_name(look: &Look) -> &'static str {
    if std::ptr::eq(look, &MEASURED) {
        " (measured look)"
    } else {
        ""
    }
}

fn cases() -> Vec<Case> {
    LOCALS
        .iter()
        .flat_map(|local| {
            let words = words(local.code);
            [&FIXTURE, &MEASURED].into_iter().flat_map(move |look| {
                [
                    grouped(local, words, look),
                    split_group(local, words, look),
                    plain(local, words, look),
                ]
            })
        })
        .collect()
}

/// Every field of every case: (case, field, expected, actual) of each one read wrongly, and
/// the number read rightly.
fn score(cases: &[Case]) -> (usize, Vec<(String, String, String, String)>) {
    let mut right = 0;
    let mut wrong = Vec::new();
    for case in cases {
        let expected = serde_json::to_value(&case.expected).unwrap();
        let actual = match parse_profile_pdf(&case.pdf) {
            Ok(profile) => serde_json::to_value(&profile).unwrap(),
            Err(error) => serde_json::json!({ "error": error.to_string() }),
        };
        for (field, want) in expected.as_object().unwrap() {
            let got = actual.get(field).cloned().unwrap_or_default();
            if &got == want {
                right += 1;
            } else {
                wrong.push((
                    case.name.clone(),
                    field.clone(),
                    want.to_string(),
                    got.to_string(),
                ));
            }
        }
    }
    (right, wrong)
}

/// proves E3: profile PDFs saved in thirteen interface languages (three of them unknown to the
/// parser's word lists), in the fixture's look and the real files' measured sizes, read field
/// for field.
#[test]
fn every_field_of_every_interface_language_reads_exactly() {
    let cases = cases();
    assert_eq!(cases.len(), 2 * 3 * LOCALS.len());
    let (right, wrong) = score(&cases);
    eprintln!(
        "synthetic profile PDFs: {} fields right, {} wrong, over {} PDFs",
        right,
        wrong.len(),
        cases.len()
    );
    for (case, field, want, got) in &wrong {
        eprintln!("  {case}: {field}\n    want {want}\n    got  {got}");
    }
    assert!(wrong.is_empty(), "{} fields read wrongly", wrong.len());
}

/// The generator really writes what the cases claim: the group's company and duration on one
/// page and its first role on the next; emails and headlines wrapped as described.
#[test]
fn the_cases_wrap_and_break_where_they_say() {
    let local = &LOCALS[1];
    let words = words(local.code);
    let case = split_group(local, words, &FIXTURE);
    let find = |text: &str| {
        let needle = [b"(".as_slice(), &winansi::encode(text), b") Tj"].concat();
        case.pdf
            .windows(needle.len())
            .position(|w| w == needle)
            .unwrap_or_else(|| panic!("{text}"))
    };
    assert!(case.expected.pages >= 2);
    // Content streams are written page by page, each ending with its footer.
    let first_page_end = find(&format!("Page 1 of {}", case.expected.pages));
    assert!(
        find("Bäckerei Größe GmbH") < first_page_end,
        "company on page 1"
    );
    assert!(
        find("Leiter Plattform") > first_page_end,
        "first role on page 2"
    );

    let grouped = grouped(local, words, &FIXTURE);
    let email = grouped.expected.email.unwrap();
    let text = FIXTURE.side_text;
    let lines = wrap(&email, text.font, text.size, SIDEBAR_WIDTH);
    assert!(lines[1].chars().count() <= 2, "{lines:?}");
    let headline = grouped.expected.headline.unwrap();
    assert!(headline.ends_with("Full-Stack-Entwickler"), "{headline}");
}

/// proves E3, L2: the site's own people (named, generated, long careers) in PDFs saved from a
/// Dutch and an Italian interface — headings, month names, durations and proficiency in that
/// language, "Present" in English as in the real files or in the language's own word — read field
/// for field: name, headline, location, email, phone, the running positions with their start
/// dates ("januari 2020", "gennaio 2020"), the education, the languages.
#[test]
fn the_sites_people_saved_in_dutch_and_italian_read_exactly() {
    let people = crate::people::People::load().unwrap();
    let chosen: Vec<&Person> = people
        .all()
        .iter()
        .filter(|p| p.visibility != Visibility::Private)
        .collect();
    assert!(chosen.len() > 50);
    let mut wrong = Vec::new();
    let mut checked = 0;
    // "Present" as the real files print it, and the language's own word ("heden", "Presente").
    for (code, present) in [
        ("nl", "Present"),
        ("nl", "heden"),
        ("it", "Present"),
        ("it", "Presente"),
    ] {
        let words: &'static Interface = Box::leak(Box::new(Interface {
            present,
            ..*words(code)
        }));
        for person in &chosen {
            let options = Options {
                interface: words,
                ..Options::default()
            };
            let pdf = render_with(person, &options);
            let running: Vec<usize> = (0..person.experience.len())
                .filter(|&i| person.experience[i].end.is_none())
                .collect();
            let mut want = expected(person, words, &pdf, &running);
            // The sidebar's Top Skills are the first three.
            want.top_skills = want
                .top_skills
                .map(|skills| skills.into_iter().take(3).collect());
            let shows = |text: &str| {
                let needle = [b"(".as_slice(), &winansi::encode(text), b") Tj"].concat();
                pdf.windows(needle.len()).any(|w| w == needle)
            };
            let heading = person.experience.is_empty() || shows(words.experience);
            assert!(heading, "{code} {}", person.public_id);
            let got = parse_profile_pdf(&pdf).unwrap();
            checked += 1;
            if got != want {
                wrong.push(format!(
                    "{code} {}:\n  want {want:?}\n  got  {got:?}",
                    person.public_id
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked}:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(checked, 4 * chosen.len());
}
