//! The words the site prints in the reader's language: section headings, "Present" and contact
//! labels (month names are in `months`). The PDF is written in the language of the person who saves it, so
//! every list carries English, French, German, Spanish, Portuguese and Russian (plus Italian,
//! Dutch, Polish, Turkish and Korean where known). Compared after [`fold`].
//!
//! These are hints, not the rule: a heading is found by its layout (`sections`), and a heading
//! in words missing here is named by its place and content (`classify`).
use crate::case;

/// A section of the profile PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    /// Before the first heading: name, headline, location.
    Top,
    Contact,
    TopSkills,
    Languages,
    Certifications,
    HonorsAwards,
    Publications,
    Summary,
    Experience,
    Education,
    /// A heading we do not read (Projects, Volunteering, an unknown language…).
    Other,
}

const HEADINGS: &[(Section, &[&str])] = &[
    (
        Section::Contact,
        &[
            "contact",
            "coordonnées",
            "kontakt",
            "kontaktdaten",
            "contactar",
            "contacto",
            "contato",
            "contactos",
            "контакты",
            "способы связаться",
            "contatti",
            "contactgegevens",
            "dane kontaktowe",
            "iletişim",
            "연락처",
        ],
    ),
    (
        Section::TopSkills,
        &[
            "top skills",
            "principales compétences",
            "top-kenntnisse",
            "top kenntnisse",
            "aptitudes principales",
            "principais competências",
            "основные навыки",
            "competenze principali",
            "belangrijkste vaardigheden",
            "najważniejsze umiejętności",
            "en önemli yetenekler",
            "주요 기술",
        ],
    ),
    (
        Section::Languages,
        &[
            "languages",
            "langues",
            "sprachen",
            "idiomas",
            "línguas",
            "языки",
            "lingue",
            "talen",
            "języki",
            "diller",
            "언어",
        ],
    ),
    (
        Section::Certifications,
        &[
            "certifications",
            "licenses & certifications",
            "zertifizierungen",
            "bescheinigungen",
            "certificaciones",
            "licencias y certificaciones",
            "certificações",
            "licenças e certificados",
            "сертификаты",
            "лицензии и сертификаты",
            "certificazioni",
            "certificeringen",
            "certyfikaty",
            "sertifikalar",
            "자격증",
        ],
    ),
    (
        Section::HonorsAwards,
        &[
            "honors-awards",
            "honors & awards",
            "honours-awards",
            "distinctions",
            "prix et distinctions",
            "auszeichnungen",
            "auszeichnungen/preise",
            "reconocimientos y premios",
            "premios",
            "prêmios",
            "honras e prêmios",
            "prémios e reconhecimentos",
            "награды и премии",
            "награды",
            "riconoscimenti e premi",
            "onderscheidingen",
        ],
    ),
    (
        Section::Publications,
        &[
            "publications",
            "veröffentlichungen",
            "publikationen",
            "publicaciones",
            "publicações",
            "публикации",
            "pubblicazioni",
            "publicaties",
        ],
    ),
    (
        Section::Summary,
        &[
            "summary",
            "about",
            "résumé",
            "infos",
            "zusammenfassung",
            "extracto",
            "resumen",
            "acerca de",
            "resumo",
            "sobre",
            "общие сведения",
            "сводка",
            "riepilogo",
            "informazioni",
            "samenvatting",
            "podsumowanie",
            "özet",
            "요약",
        ],
    ),
    (
        Section::Experience,
        &[
            "experience",
            "expérience",
            "berufserfahrung",
            "erfahrung",
            "experiencia",
            "experiência",
            "опыт работы",
            "опыт",
            "esperienza",
            "ervaring",
            "doświadczenie",
            "deneyim",
            "경력",
        ],
    ),
    (
        Section::Education,
        &[
            "education",
            "formation",
            "ausbildung",
            "educación",
            "formación",
            "formação acadêmica",
            "formação académica",
            "formação",
            "образование",
            "formazione",
            "istruzione",
            "opleiding",
            "wykształcenie",
            "eğitim",
            "학력",
        ],
    ),
];

/// "Present" stays English in the site's PDFs (DESIGN.md §7); the translations are accepted
/// defensively.
const PRESENT: &[&str] = &[
    "present",
    "présent",
    "aujourd'hui",
    "heute",
    "actualidad",
    "la actualidad",
    "presente",
    "o momento",
    "momento",
    "настоящее время",
    "по настоящее время",
    "н.в.",
    "oggi",
    "heden",
];

/// Labels after a phone number in the Contact section.
const PHONE_LABELS: &[&str] = &[
    "mobile",
    "work",
    "home",
    "travail",
    "domicile",
    "portable",
    "mobil",
    "arbeit",
    "privat",
    "geschäftlich",
    "móvil",
    "trabajo",
    "casa",
    "celular",
    "trabalho",
    "residencial",
    "telemóvel",
    "мобильный",
    "рабочий",
    "домашний",
    "cellulare",
    "lavoro",
    "mobiel",
    "werk",
    "thuis",
    "komórka",
    "cep",
    "휴대폰",
];

/// Lower case, typographic apostrophes straightened, spaces collapsed, a trailing colon dropped.
/// The combining dot that lower-casing leaves on Turkish "İ" goes too ("İletişim" = "iletişim").
pub(crate) fn fold(text: &str) -> String {
    let lower = case::lower(text)
        .replace(['’', 'ʼ'], "'")
        .replace('\u{307}', "");
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.join(" ").trim_end_matches(':').trim().to_string()
}

pub(crate) fn heading(text: &str) -> Option<Section> {
    let folded = fold(text);
    HEADINGS
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))
        .map(|(section, _)| *section)
}

pub(crate) fn is_present(text: &str) -> bool {
    let folded = fold(text);
    let folded = folded.trim_end_matches('.');
    PRESENT
        .iter()
        .any(|p| folded == *p || folded.trim_end_matches('.') == p.trim_end_matches('.'))
}

pub(crate) fn is_phone_label(label: &str) -> bool {
    PHONE_LABELS.contains(&fold(label).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translated_headings_are_recognised() {
        assert_eq!(heading("Top Skills"), Some(Section::TopSkills));
        assert_eq!(heading("Principales compétences"), Some(Section::TopSkills));
        assert_eq!(heading("Способы связаться"), Some(Section::Contact));
        assert_eq!(heading("Опыт работы"), Some(Section::Experience));
        assert_eq!(heading("Formation"), Some(Section::Education));
        assert_eq!(heading("Berufserfahrung"), Some(Section::Experience));
        assert_eq!(heading("Experiencia"), Some(Section::Experience));
        assert_eq!(heading("Experiência"), Some(Section::Experience));
        assert_eq!(heading("Honors-Awards"), Some(Section::HonorsAwards));
        assert_eq!(heading("İletişim"), Some(Section::Contact));
        assert_eq!(heading("경력"), Some(Section::Experience));
        assert_eq!(heading("Chief Executive Officer"), None);
    }

    #[test]
    fn present_in_several_languages() {
        assert!(is_present("Present"));
        assert!(is_present("aujourd’hui"));
        assert!(is_present("настоящее время"));
        assert!(!is_present("2020"));
    }
}
