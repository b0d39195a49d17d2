//! Where someone is, compared by city first: "Hampton, Virginia, United States" and "Hampton,
//! VA" are one place; "Greater London Area" and "London, England" too.

use super::fold::words;

/// Words the site adds around a city name.
const FILLER: &[&str] = &[
    "greater",
    "area",
    "metropolitan",
    "metro",
    "region",
    "city",
    "of",
];

/// The parts of a location, most specific first, each as its words without filler.
pub fn location_parts(location: &str) -> Vec<Vec<String>> {
    location
        .split(',')
        .map(|part| {
            words(part)
                .into_iter()
                .filter(|w| !FILLER.contains(&w.as_str()))
                .collect::<Vec<_>>()
        })
        .filter(|part| !part.is_empty())
        .collect()
}

/// 1 when the cities agree, 0.25 when only a wider part does (same state or country), 0
/// otherwise.
pub fn location_similarity(a: &[Vec<String>], b: &[Vec<String>]) -> f64 {
    match (a.first(), b.first()) {
        (Some(city_a), Some(city_b)) if city_a == city_b => 1.0,
        (Some(_), Some(_)) if a.iter().skip(1).any(|part| b.contains(part)) => 0.25,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(a: &str, b: &str) -> f64 {
        location_similarity(&location_parts(a), &location_parts(b))
    }

    #[test]
    fn cities_decide() {
        assert_eq!(sim("Hampton, Virginia, United States", "Hampton, VA"), 1.0);
        assert_eq!(
            sim("Greater London Area", "London, England, United Kingdom"),
            1.0
        );
        assert_eq!(sim("São Paulo, Brazil", "Sao Paulo"), 1.0);
        assert_eq!(
            sim(
                "Arlington, Virginia, United States",
                "Hampton, Virginia, United States"
            ),
            0.25
        );
        assert_eq!(sim("Berlin, Germany", "Austin, Texas, United States"), 0.0);
    }
}
