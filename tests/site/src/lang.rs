//! The site's own interface text in the languages `--lang` offers (issue #21): one table per
//! language, the words the real site shows a member who set that language. People's data
//! (names, headlines, locations) is never translated, as on the real site. Templates hold
//! `{name}` or `{n}`.

/// The interface language the site renders in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Fr,
    De,
}

impl Lang {
    pub const NAMES: &str = "en, fr or de";

    pub fn words(self) -> &'static Words {
        match self {
            Self::En => &ENGLISH,
            Self::Fr => &FRENCH,
            Self::De => &GERMAN,
        }
    }

    /// The `lang` attribute of the page.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
            Self::De => "de",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "en" => Ok(Self::En),
            "fr" => Ok(Self::Fr),
            "de" => Ok(Self::De),
            other => Err(format!(
                "unknown language {other:?} (expected {})",
                Self::NAMES
            )),
        }
    }
}

/// Every interface string the site renders in the current design's profile, contact dialog,
/// search page and navigation bar.
#[derive(Debug)]
pub struct Words {
    // Connection degree: shown ("2nd") and as screen readers hear it.
    pub degree: [&'static str; 3],
    pub degree_connection: [&'static str; 3],
    /// The display name of an out-of-network member.
    pub limited_name: &'static str,
    // Navigation bar.
    pub search: &'static str,
    pub home: &'static str,
    pub my_network: &'static str,
    pub jobs: &'static str,
    pub me: &'static str,
    pub sign_in: &'static str,
    pub view_profile: &'static str,
    pub sign_out: &'static str,
    pub global_navigation: &'static str,
    pub primary_navigation: &'static str,
    // Profile top card.
    pub profile_photo: &'static str,
    pub cover_photo: &'static str,
    pub edit_intro: &'static str,
    pub manage_notifications: &'static str,
    pub contact_info: &'static str,
    /// Between thousands in a count ("18,342", "18 342", "18.342").
    pub thousands: &'static str,
    /// `{followers}` and `{connections}`.
    pub followers_connections: &'static str,
    /// After the other person's name.
    pub is_mutual_connection: &'static str,
    pub open_to: &'static str,
    pub add_profile_section: &'static str,
    pub enhance_profile: &'static str,
    pub message: &'static str,
    pub message_to: &'static str,
    pub connect: &'static str,
    pub invite_to_connect: &'static str,
    pub more: &'static str,
    pub more_actions: &'static str,
    pub save_to_pdf: &'static str,
    pub send_profile: &'static str,
    pub report_or_block: &'static str,
    // Profile sections.
    pub analytics: &'static str,
    pub private_to_you: &'static str,
    pub analytics_line: &'static str,
    pub about: &'static str,
    pub experience: &'static str,
    pub education: &'static str,
    pub skills: &'static str,
    pub more_profiles: &'static str,
    // Dates in experience entries.
    pub months: [&'static str; 12],
    pub present: &'static str,
    /// Singular and plural.
    pub years: [&'static str; 2],
    pub months_span: [&'static str; 2],
    // Contact info dialog.
    pub dismiss: &'static str,
    pub profile: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub mobile: &'static str,
    pub website: &'static str,
    // Search.
    pub search_title: &'static str,
    pub about_results: &'static str,
    pub show_more_results: &'static str,
    pub pagination: &'static str,
    pub page_n: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub status_online: &'static str,
    pub status_offline: &'static str,
    /// `{title}` at `{company}`.
    pub current_at: &'static str,
    pub and: &'static str,
    pub other_mutual_connections: &'static str,
    pub search_filters: &'static str,
    pub filter_people: &'static str,
    pub filter_connections: &'static str,
    pub filter_locations: &'static str,
    pub filter_current_company: &'static str,
    pub upsell_title: &'static str,
    pub upsell_text: &'static str,
    pub upsell_button: &'static str,
    pub view_profile_of: &'static str,
}

impl Words {
    /// Every string of the table, in field order: the same position is the same text in every
    /// language (tests compare languages with it).
    pub fn all(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        out.extend(self.degree);
        out.extend(self.degree_connection);
        out.push(self.limited_name);
        out.push(self.search);
        out.push(self.home);
        out.push(self.my_network);
        out.push(self.jobs);
        out.push(self.me);
        out.push(self.sign_in);
        out.push(self.view_profile);
        out.push(self.sign_out);
        out.push(self.global_navigation);
        out.push(self.primary_navigation);
        out.push(self.profile_photo);
        out.push(self.cover_photo);
        out.push(self.edit_intro);
        out.push(self.manage_notifications);
        out.push(self.contact_info);
        out.push(self.followers_connections);
        out.push(self.is_mutual_connection);
        out.push(self.open_to);
        out.push(self.add_profile_section);
        out.push(self.enhance_profile);
        out.push(self.message);
        out.push(self.message_to);
        out.push(self.connect);
        out.push(self.invite_to_connect);
        out.push(self.more);
        out.push(self.more_actions);
        out.push(self.save_to_pdf);
        out.push(self.send_profile);
        out.push(self.report_or_block);
        out.push(self.analytics);
        out.push(self.private_to_you);
        out.push(self.analytics_line);
        out.push(self.about);
        out.push(self.experience);
        out.push(self.education);
        out.push(self.skills);
        out.push(self.more_profiles);
        out.extend(self.months);
        out.push(self.present);
        out.extend(self.years);
        out.extend(self.months_span);
        out.push(self.dismiss);
        out.push(self.profile);
        out.push(self.email);
        out.push(self.phone);
        out.push(self.mobile);
        out.push(self.website);
        out.push(self.search_title);
        out.push(self.about_results);
        out.push(self.show_more_results);
        out.push(self.pagination);
        out.push(self.page_n);
        out.push(self.previous);
        out.push(self.next);
        out.push(self.status_online);
        out.push(self.status_offline);
        out.push(self.current_at);
        out.push(self.and);
        out.push(self.other_mutual_connections);
        out.push(self.search_filters);
        out.push(self.filter_people);
        out.push(self.filter_connections);
        out.push(self.filter_locations);
        out.push(self.filter_current_company);
        out.push(self.upsell_title);
        out.push(self.upsell_text);
        out.push(self.upsell_button);
        out.push(self.view_profile_of);
        out
    }
    /// The shown degree for 1, 2 or 3.
    pub fn degree(&self, degree: u8) -> Option<&'static str> {
        self.degree
            .get(usize::from(degree).checked_sub(1)?)
            .copied()
    }

    /// "2nd degree connection" for 1, 2 or 3.
    pub fn degree_connection(&self, degree: u8) -> Option<&'static str> {
        self.degree_connection
            .get(usize::from(degree).checked_sub(1)?)
            .copied()
    }

    pub fn month(&self, month: i32) -> &'static str {
        usize::try_from(month - 1)
            .ok()
            .and_then(|i| self.months.get(i))
            .copied()
            .unwrap_or(self.months[0])
    }

    /// "7 yrs", "1 an", "4 Monate".
    pub fn count(n: i32, forms: [&str; 2]) -> String {
        format!("{n} {}", if n == 1 { forms[0] } else { forms[1] })
    }
}

/// `template` with `{key}` replaced by `value`.
pub fn fill(template: &str, key: &str, value: impl std::fmt::Display) -> String {
    template.replace(&format!("{{{key}}}"), &value.to_string())
}

pub const ENGLISH: Words = Words {
    degree: ["1st", "2nd", "3rd"],
    degree_connection: [
        "1st degree connection",
        "2nd degree connection",
        "3rd degree connection",
    ],
    limited_name: "LinkedIn Member",
    search: "Search",
    home: "Home",
    my_network: "My Network",
    jobs: "Jobs",
    me: "Me",
    sign_in: "Sign in",
    view_profile: "View Profile",
    sign_out: "Sign Out",
    global_navigation: "Global Navigation",
    primary_navigation: "Primary Navigation",
    profile_photo: "Profile photo",
    cover_photo: "Cover photo",
    edit_intro: "Edit intro",
    manage_notifications: "Manage notifications about {name}",
    contact_info: "Contact info",
    thousands: ",",
    followers_connections: "{followers} followers · {connections} connections",
    is_mutual_connection: " is a mutual connection",
    open_to: "Open to",
    add_profile_section: "Add profile section",
    enhance_profile: "Enhance profile",
    message: "Message",
    message_to: "Message {name}",
    connect: "Connect",
    invite_to_connect: "Invite {name} to connect",
    more: "More",
    more_actions: "More actions",
    save_to_pdf: "Save to PDF",
    send_profile: "Send profile in a message",
    report_or_block: "Report or block",
    analytics: "Analytics",
    private_to_you: "Private to you",
    analytics_line: "42 profile views · 7 search appearances",
    about: "About",
    experience: "Experience",
    education: "Education",
    skills: "Skills",
    more_profiles: "More profiles for you",
    months: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    present: "Present",
    years: ["yr", "yrs"],
    months_span: ["mo", "mos"],
    dismiss: "Dismiss",
    profile: "Profile",
    email: "Email",
    phone: "Phone",
    mobile: "Mobile",
    website: "Website",
    search_title: "Search",
    about_results: "About {n} results",
    show_more_results: "Show more results",
    pagination: "Pagination",
    page_n: "Page {n}",
    previous: "Previous",
    next: "Next",
    status_online: "Status is online",
    status_offline: "Status is offline",
    current_at: "Current: {title} at {company}",
    and: " and ",
    other_mutual_connections: "12 other mutual connections",
    search_filters: "Search filters",
    filter_people: "People",
    filter_connections: "Connections",
    filter_locations: "Locations",
    filter_current_company: "Current company",
    upsell_title: "Find the right people faster",
    upsell_text: "See everyone who matches your search with a free month of Premium.",
    upsell_button: "Try it for free",
    view_profile_of: "View {name}’s profile",
};

pub const FRENCH: Words = Words {
    degree: ["1er", "2e", "3e et +"],
    degree_connection: [
        "Relation de 1er niveau",
        "Relation de 2e niveau",
        "Relation de 3e niveau et +",
    ],
    limited_name: "Membre de LinkedIn",
    search: "Recherche",
    home: "Accueil",
    my_network: "Réseau",
    jobs: "Emplois",
    me: "Vous",
    sign_in: "S’identifier",
    view_profile: "Voir le profil",
    sign_out: "Déconnexion",
    global_navigation: "Navigation globale",
    primary_navigation: "Navigation principale",
    profile_photo: "Photo de profil",
    cover_photo: "Photo de couverture",
    edit_intro: "Modifier l’intro",
    manage_notifications: "Gérer les notifications concernant {name}",
    contact_info: "Coordonnées",
    thousands: "\u{202f}",
    followers_connections: "{followers} abonnés · {connections} relations",
    is_mutual_connection: " est une relation en commun",
    open_to: "Disponible pour",
    add_profile_section: "Ajouter une section au profil",
    enhance_profile: "Améliorer le profil",
    message: "Message",
    message_to: "Envoyer un message à {name}",
    connect: "Se connecter",
    invite_to_connect: "Invitez {name} à rejoindre votre réseau",
    more: "Plus",
    more_actions: "Plus d’actions",
    save_to_pdf: "Enregistrer au format PDF",
    send_profile: "Envoyer le profil par message",
    report_or_block: "Signaler ou bloquer",
    analytics: "Statistiques",
    private_to_you: "Visible par vous uniquement",
    analytics_line: "42 vues du profil · 7 apparitions dans les résultats de recherche",
    about: "Infos",
    experience: "Expérience",
    education: "Formation",
    skills: "Compétences",
    more_profiles: "Autres profils pour vous",
    months: [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ],
    present: "aujourd’hui",
    years: ["an", "ans"],
    months_span: ["mois", "mois"],
    dismiss: "Ignorer",
    profile: "Profil",
    email: "E-mail",
    phone: "Téléphone",
    mobile: "Mobile",
    website: "Site web",
    search_title: "Recherche",
    about_results: "Environ {n} résultats",
    show_more_results: "Afficher plus de résultats",
    pagination: "Pagination",
    page_n: "Page {n}",
    previous: "Précédent",
    next: "Suivant",
    status_online: "Le statut est : en ligne",
    status_offline: "Le statut est : hors ligne",
    current_at: "Actuellement : {title} chez {company}",
    and: " et ",
    other_mutual_connections: "12 autres relations en commun",
    search_filters: "Filtres de recherche",
    filter_people: "Personnes",
    filter_connections: "Relations",
    filter_locations: "Lieux",
    filter_current_company: "Entreprise actuelle",
    upsell_title: "Trouvez plus vite les bonnes personnes",
    upsell_text: "Voyez toutes les personnes correspondant à votre recherche avec un mois gratuit de Premium.",
    upsell_button: "Essayer gratuitement",
    view_profile_of: "Voir le profil de {name}",
};

pub const GERMAN: Words = Words {
    degree: ["1.", "2.", "3.+"],
    degree_connection: [
        "Kontakt 1. Grades",
        "Kontakt 2. Grades",
        "Kontakt 3.+ Grades",
    ],
    limited_name: "LinkedIn-Mitglied",
    search: "Suche",
    home: "Startseite",
    my_network: "Mein Netzwerk",
    jobs: "Jobs",
    me: "Ich",
    sign_in: "Einloggen",
    view_profile: "Profil anzeigen",
    sign_out: "Abmelden",
    global_navigation: "Globale Navigation",
    primary_navigation: "Primäre Navigation",
    profile_photo: "Profilfoto",
    cover_photo: "Titelbild",
    edit_intro: "Intro bearbeiten",
    manage_notifications: "Benachrichtigungen zu {name} verwalten",
    contact_info: "Kontaktinfo",
    thousands: ".",
    followers_connections: "{followers} Follower:innen · {connections} Kontakte",
    is_mutual_connection: " ist ein gemeinsamer Kontakt",
    open_to: "Offen für",
    add_profile_section: "Profilbereich hinzufügen",
    enhance_profile: "Profil optimieren",
    message: "Nachricht",
    message_to: "Nachricht an {name}",
    connect: "Vernetzen",
    invite_to_connect: "Laden Sie {name} ein, sich mit Ihnen zu vernetzen",
    more: "Mehr",
    more_actions: "Weitere Aktionen",
    save_to_pdf: "Als PDF speichern",
    send_profile: "Profil per Nachricht senden",
    report_or_block: "Melden oder blockieren",
    analytics: "Analysen",
    private_to_you: "Nur für Sie sichtbar",
    analytics_line: "42 Profilbesuche · 7 Suchergebnis-Einblendungen",
    about: "Info",
    experience: "Berufserfahrung",
    education: "Ausbildung",
    skills: "Kenntnisse",
    more_profiles: "Weitere Profile für Sie",
    months: [
        "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.",
        "Dez.",
    ],
    present: "heute",
    years: ["Jahr", "Jahre"],
    months_span: ["Monat", "Monate"],
    dismiss: "Verwerfen",
    profile: "Profil",
    email: "E-Mail",
    phone: "Telefon",
    mobile: "Mobil",
    website: "Website",
    search_title: "Suche",
    about_results: "Ungefähr {n} Ergebnisse",
    show_more_results: "Weitere Ergebnisse anzeigen",
    pagination: "Seitennummerierung",
    page_n: "Seite {n}",
    previous: "Zurück",
    next: "Weiter",
    status_online: "Status ist online",
    status_offline: "Status ist offline",
    current_at: "Aktuell: {title} bei {company}",
    and: " und ",
    other_mutual_connections: "12 weitere gemeinsame Kontakte",
    search_filters: "Suchfilter",
    filter_people: "Personen",
    filter_connections: "Kontakte",
    filter_locations: "Standorte",
    filter_current_company: "Aktuelles Unternehmen",
    upsell_title: "Finden Sie schneller die richtigen Personen",
    upsell_text: "Sehen Sie mit einem Gratismonat Premium alle, die zu Ihrer Suche passen.",
    upsell_button: "Gratis testen",
    view_profile_of: "Profil von {name} anzeigen",
};
