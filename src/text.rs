//! Small text helpers shared by error messages: "did you mean" suggestions (edit distance from
//! `strsim`), sentence case and spreadsheet-formula detection.

/// "did you mean `x`? " for the closest candidate (see [`closest`]), or nothing: the start of
/// a hint that goes on with the list of what is known.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates)
        .map(|candidate| format!("did you mean `{candidate}`? "))
        .unwrap_or_default()
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo: at most a
/// third of the word's length in edits (at least one edit allowed; a swap of two neighbouring
/// characters is one edit), or sharing its first five characters. Ties go to the first
/// candidate.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let prefix: String = word.chars().take(5).collect();
    candidates
        .into_iter()
        .map(|candidate| (strsim::osa_distance(word, candidate), candidate))
        .filter(|(distance, candidate)| {
            *distance <= limit || (prefix.chars().count() == 5 && candidate.starts_with(&prefix))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// "on-site water" → "On-site water" (at the start of a line).
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Average annual output…" → "average annual output…" (for use inside a sentence); names
/// and acronyms that start with two capitals (IEA, US, CO₂e) are kept.
pub fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(first), second)
            if first.is_uppercase() && !second.is_some_and(char::is_uppercase) =>
        {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

/// True if a text cell would be read as a formula by a spreadsheet (CSV injection).
pub fn looks_like_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_are_one_typo() {
        // Optimal string alignment: a swap of neighbours is one edit, so `peu` is close to `pue`.
        assert_eq!(closest("peu", ["wue", "pue"]), Some("pue"));
        assert_eq!(closest("form", ["from", "to"]), Some("from"));
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            closest("carbon_intensty", ["carbon_intensity", "ewif"]),
            Some("carbon_intensity")
        );
        assert_eq!(closest("xyz", ["pue", "wue"]), None);
        assert_eq!(closest("wue", ["pue", "wue"]), Some("wue"));
    }

    #[test]
    fn sentence_case() {
        assert_eq!(capitalise("on-site water"), "On-site water");
        assert_eq!(capitalise("éau"), "Éau");
        assert_eq!(lowercase_first("Average output"), "average output");
        assert_eq!(lowercase_first("IEA figure"), "IEA figure");
    }

    #[test]
    fn formula_injection() {
        assert!(looks_like_formula("=HYPERLINK(\"x\")"));
        assert!(looks_like_formula("@SUM(A1)"));
        assert!(!looks_like_formula("IEA 2025"));
    }
}
