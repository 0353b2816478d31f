//! Small text helpers shared by error messages: edit distance and "did you mean" suggestions.

/// Edit distance between two strings, counted in characters: insertions, deletions,
/// substitutions and swaps of two neighbouring characters (the "optimal string alignment"
/// variant of Damerau–Levenshtein), so `peu` is one edit from `pue`.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in table.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in table[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[i - 1][j] + 1)
                .min(table[i][j - 1] + 1)
                .min(table[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[i - 2][j - 2] + 1);
            }
            table[i][j] = best;
        }
    }
    table[a.len()][b.len()]
}

/// Edit distance counting a swap of two neighbouring characters as one edit (optimal string
/// alignment), so `form` is one typo away from `from`.
pub fn typo_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

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
        .map(|candidate| (typo_distance(word, candidate), candidate))
        .filter(|(distance, candidate)| {
            *distance <= limit || (prefix.chars().count() == 5 && candidate.starts_with(&prefix))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// A number for an error message: plain when it reads well, in exponent notation when it is
/// huge or tiny (`1.000e308`), so a runaway value does not print as 300 digits.
pub fn short_number(value: f64) -> String {
    if value != 0.0 && value.is_finite() && !(1e-6..1e9).contains(&value.abs()) {
        format!("{value:.3e}")
    } else {
        format!("{}", (value * 1e6).round() / 1e6)
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
    fn distance() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("pue", "pue"), 0);
        assert_eq!(levenshtein("peu", "pue"), 1);
    }

    #[test]
    fn swaps_are_one_typo() {
        assert_eq!(typo_distance("form", "from"), 1);
        assert_eq!(typo_distance("kitten", "sitting"), 3);
        assert_eq!(typo_distance("", "abc"), 3);
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
    fn short_numbers() {
        assert_eq!(short_number(1e308), "1.000e308");
        assert_eq!(short_number(1.17), "1.17");
        assert_eq!(short_number(0.0), "0");
        assert_eq!(short_number(2.5e-9), "2.500e-9");
    }

    #[test]
    fn formula_injection() {
        assert!(looks_like_formula("=HYPERLINK(\"x\")"));
        assert!(looks_like_formula("@SUM(A1)"));
        assert!(!looks_like_formula("IEA 2025"));
    }
}
