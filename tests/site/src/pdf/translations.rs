//! The profile PDF's words in other interface languages: the site's own `--lang fr|de`, and
//! tests that read PDFs saved by people using the site in German, Spanish, Portuguese, Italian,
//! Polish, Turkish, Korean, Dutch and French — and in Swedish, Finnish and Indonesian, whose headings the parser's word
//! lists do not know, so a reader that leans on words fails there. "Present" stays English.

use super::interface::{ENGLISH, Interface, join_parts, two_forms};

/// (code, words), English first.
pub const INTERFACES: &[(&str, Interface)] = &[
    ("en", ENGLISH),
    ("de", GERMAN),
    ("es", SPANISH),
    ("pt", PORTUGUESE),
    ("it", ITALIAN),
    ("pl", POLISH),
    ("tr", TURKISH),
    ("ko", KOREAN),
    ("nl", DUTCH),
    ("fr", FRENCH),
    ("sv", SWEDISH),
    ("fi", FINNISH),
    ("id", INDONESIAN),
];

/// The words of the interface language `code`; English for one this table lacks.
pub fn interface(code: &str) -> &'static Interface {
    INTERFACES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(&ENGLISH, |(_, words)| words)
}

fn pair(years: i32, months: i32, year: (&str, &str), month: (&str, &str)) -> String {
    join_parts(
        years,
        months,
        |n| two_forms(n, year.0, year.1),
        |n| two_forms(n, month.0, month.1),
    )
}

const GERMAN: Interface = Interface {
    contact: "Kontakt",
    top_skills: "Top-Kenntnisse",
    languages: "Sprachen",
    certifications: "Zertifizierungen",
    summary: "Zusammenfassung",
    experience: "Berufserfahrung",
    education: "Ausbildung",
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    month_year: "{month} {year}",
    duration: |y, m| pair(y, m, ("Jahr", "Jahre"), ("Monat", "Monate")),
    proficiency: [
        "Muttersprache oder zweisprachig",
        "Verhandlungssicher",
        "Grundkenntnisse",
    ],
    mobile: "Mobil",
    company_site: "Unternehmen",
    present: "Present",
};

const SPANISH: Interface = Interface {
    contact: "Contactar",
    top_skills: "Aptitudes principales",
    languages: "Idiomas",
    certifications: "Certificaciones",
    summary: "Extracto",
    experience: "Experiencia",
    education: "Educación",
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    month_year: "{month} de {year}",
    duration: |y, m| pair(y, m, ("año", "años"), ("mes", "meses")),
    proficiency: [
        "Competencia bilingüe o nativa",
        "Competencia profesional completa",
        "Competencia básica limitada",
    ],
    mobile: "Móvil",
    company_site: "Empresa",
    present: "Present",
};

const PORTUGUESE: Interface = Interface {
    contact: "Contato",
    top_skills: "Principais competências",
    languages: "Idiomas",
    certifications: "Certificações",
    summary: "Resumo",
    experience: "Experiência",
    education: "Formação acadêmica",
    months: [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    month_year: "{month} de {year}",
    duration: |y, m| pair(y, m, ("ano", "anos"), ("mês", "meses")),
    proficiency: ["Nível nativo ou bilíngue", "Fluente", "Nível básico"],
    mobile: "Celular",
    company_site: "Empresa",
    present: "Present",
};

const ITALIAN: Interface = Interface {
    contact: "Contatti",
    top_skills: "Competenze principali",
    languages: "Lingue",
    certifications: "Certificazioni",
    summary: "Riepilogo",
    experience: "Esperienza",
    education: "Formazione",
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    month_year: "{month} {year}",
    duration: |y, m| pair(y, m, ("anno", "anni"), ("mese", "mesi")),
    proficiency: [
        "Madrelingua o bilingue",
        "Professionale completa",
        "Conoscenza limitata",
    ],
    mobile: "Cellulare",
    company_site: "Azienda",
    present: "Present",
};

/// Polish counts in three forms: 1 rok, 2–4 lata, 5+ lat (12–14 too).
fn polish(n: i32, forms: [&str; 3]) -> String {
    let [one, few, many] = forms;
    let few_ending = (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100));
    let word = match n {
        1 => one,
        _ if few_ending => few,
        _ => many,
    };
    format!("{n} {word}")
}

const POLISH: Interface = Interface {
    contact: "Dane kontaktowe",
    top_skills: "Najważniejsze umiejętności",
    languages: "Języki",
    certifications: "Certyfikaty",
    summary: "Podsumowanie",
    experience: "Doświadczenie",
    education: "Wykształcenie",
    months: [
        "styczeń",
        "luty",
        "marzec",
        "kwiecień",
        "maj",
        "czerwiec",
        "lipiec",
        "sierpień",
        "wrzesień",
        "październik",
        "listopad",
        "grudzień",
    ],
    month_year: "{month} {year}",
    duration: |y, m| {
        join_parts(
            y,
            m,
            |n| polish(n, ["rok", "lata", "lat"]),
            |n| polish(n, ["miesiąc", "miesiące", "miesięcy"]),
        )
    },
    proficiency: [
        "Język ojczysty lub dwujęzyczność",
        "Biegła znajomość w kontaktach zawodowych",
        "Ograniczona znajomość",
    ],
    mobile: "Komórka",
    company_site: "Firma",
    present: "Present",
};

const TURKISH: Interface = Interface {
    contact: "İletişim",
    top_skills: "En Önemli Yetenekler",
    languages: "Diller",
    certifications: "Sertifikalar",
    summary: "Özet",
    experience: "Deneyim",
    education: "Eğitim",
    months: [
        "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
        "Kasım", "Aralık",
    ],
    month_year: "{month} {year}",
    duration: |y, m| pair(y, m, ("yıl", "yıl"), ("ay", "ay")),
    proficiency: [
        "Ana dil veya ikinci dil seviyesinde",
        "Tam profesyonel yetkinlik",
        "Sınırlı çalışma yetkinliği",
    ],
    mobile: "Mobil",
    company_site: "Şirket",
    present: "Present",
};

const KOREAN: Interface = Interface {
    contact: "연락처",
    top_skills: "주요 기술",
    languages: "언어",
    certifications: "자격증",
    summary: "요약",
    experience: "경력",
    education: "학력",
    months: [
        "1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월",
    ],
    month_year: "{year}년 {month}",
    duration: |y, m| join_parts(y, m, |n| format!("{n}년"), |n| format!("{n}개월")),
    proficiency: [
        "원어민 또는 이중 언어",
        "완전한 업무 능력",
        "제한된 업무 능력",
    ],
    mobile: "휴대폰",
    company_site: "회사",
    present: "Present",
};

const DUTCH: Interface = Interface {
    contact: "Contactgegevens",
    top_skills: "Belangrijkste vaardigheden",
    languages: "Talen",
    certifications: "Certificeringen",
    summary: "Samenvatting",
    experience: "Ervaring",
    education: "Opleiding",
    months: [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    month_year: "{month} {year}",
    duration: |y, m| pair(y, m, ("jaar", "jaar"), ("maand", "maanden")),
    proficiency: [
        "Moedertaal of tweetalig",
        "Volledige professionele vaardigheid",
        "Beperkte werkvaardigheid",
    ],
    mobile: "Mobiel",
    company_site: "Bedrijf",
    present: "Present",
};

const FRENCH: Interface = Interface {
    contact: "Coordonnées",
    top_skills: "Principales compétences",
    languages: "Langues",
    certifications: "Certifications",
    summary: "Résumé",
    experience: "Expérience",
    education: "Formation",
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    month_year: "{month} {year}",
    duration: |y, m| pair(y, m, ("an", "ans"), ("mois", "mois")),
    proficiency: [
        "Bilingue ou langue natale",
        "Capacité professionnelle complète",
        "Capacité professionnelle limitée",
    ],
    mobile: "Portable",
    company_site: "Entreprise",
    present: "Present",
};

const SWEDISH: Interface = Interface {
    contact: "Kontaktuppgifter",
    top_skills: "Främsta kompetenser",
    languages: "Språk",
    certifications: "Certifieringar",
    summary: "Sammanfattning",
    experience: "Erfarenhet",
    education: "Utbildning",
    months: [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    month_year: "{month} {year}",
    duration: |y, m| pair(y, m, ("år", "år"), ("månad", "månader")),
    proficiency: [
        "Modersmål eller tvåspråkig",
        "Fullständig yrkesmässig kunskap",
        "Begränsad yrkesmässig kunskap",
    ],
    mobile: "Mobil",
    company_site: "Företag",
    present: "Present",
};

const FINNISH: Interface = Interface {
    contact: "Yhteystiedot",
    top_skills: "Tärkeimmät taidot",
    languages: "Kielet",
    certifications: "Sertifioinnit",
    summary: "Yhteenveto",
    experience: "Kokemus",
    education: "Koulutus",
    months: [
        "tammikuu",
        "helmikuu",
        "maaliskuu",
        "huhtikuu",
        "toukokuu",
        "kesäkuu",
        "heinäkuu",
        "elokuu",
        "syyskuu",
        "lokakuu",
        "marraskuu",
        "joulukuu",
    ],
    month_year: "{month} {year}",
    duration: |y, m| pair(y, m, ("vuosi", "vuotta"), ("kuukausi", "kuukautta")),
    proficiency: [
        "Äidinkieli tai kaksikielinen",
        "Täysi ammatillinen taito",
        "Rajoitettu työtaito",
    ],
    mobile: "Matkapuhelin",
    company_site: "Yritys",
    present: "Present",
};

const INDONESIAN: Interface = Interface {
    contact: "Kontak",
    top_skills: "Keahlian Teratas",
    languages: "Bahasa",
    certifications: "Sertifikasi",
    summary: "Ringkasan",
    experience: "Pengalaman",
    education: "Pendidikan",
    months: [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    month_year: "{month} {year}",
    duration: |y, m| pair(y, m, ("tahun", "tahun"), ("bulan", "bulan")),
    proficiency: [
        "Penutur Asli atau Bilingual",
        "Profesional Penuh",
        "Kerja Terbatas",
    ],
    mobile: "Seluler",
    company_site: "Perusahaan",
    present: "Present",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_durations_in_a_few_languages() {
        assert_eq!(
            SPANISH.date_range("2020-11", Some("2023-01")),
            "noviembre de 2020 - enero de 2023 (2 años 3 meses)"
        );
        assert_eq!(
            KOREAN.date_range("2020-11", None),
            "2020년 11월 - Present (5년 8개월)"
        );
        assert_eq!(
            POLISH.date_range("2021-01", Some("2022-12")),
            "styczeń 2021 - grudzień 2022 (2 lata)"
        );
        assert_eq!(polish(5, ["rok", "lata", "lat"]), "5 lat");
        assert_eq!(polish(22, ["rok", "lata", "lat"]), "22 lata");
        assert_eq!(polish(12, ["rok", "lata", "lat"]), "12 lat");
    }
}
