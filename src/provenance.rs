//! Provenance: how solid a figure is ([`Verification`]) and which sources it cites (source ids,
//! as the datasets write them: `IEA2025;LBNL2024`). Every layer that shows or checks where a
//! number comes from uses these, so a status or a list of ids is spelt one way.

use crate::lang::Text;

/// How solid a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verification {
    /// Read in the primary source.
    Confirmed,
    /// Read in a verbatim reproduction of the primary source.
    ConfirmedCopy,
    /// Seen only second-hand, or sources disagree.
    Unconfirmed,
    /// Computed from other rows.
    Derived,
}

impl Verification {
    /// Every status, from the most to the least solid read.
    pub const ALL: [Verification; 4] = [
        Verification::Confirmed,
        Verification::ConfirmedCopy,
        Verification::Unconfirmed,
        Verification::Derived,
    ];

    /// The dataset spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Verification::Confirmed => "confirmed",
            Verification::ConfirmedCopy => "confirmed-copy",
            Verification::Unconfirmed => "unconfirmed",
            Verification::Derived => "derived",
        }
    }

    /// Parses the dataset spelling.
    pub fn parse(text: &str) -> Option<Verification> {
        Verification::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }

    /// True if the figure was read in the source or a verbatim copy of it.
    pub fn is_confirmed(self) -> bool {
        matches!(self, Verification::Confirmed | Verification::ConfirmedCopy)
    }

    /// True if the figure was seen only second-hand (it is flagged wherever it is shown).
    pub fn is_unconfirmed(self) -> bool {
        self == Verification::Unconfirmed
    }

    /// The status in words, for readers.
    pub fn label(self) -> Text<&'static str> {
        match self {
            Verification::Confirmed => Text::new("confirmed", "confirmé"),
            Verification::ConfirmedCopy => Text::new("confirmed (copy)", "confirmé (copie)"),
            Verification::Unconfirmed => Text::new("unconfirmed", "non confirmé"),
            Verification::Derived => Text::new("derived", "calculé"),
        }
    }
}

/// The source ids of a `source_id` cell (`IEA2025; LBNL2024`), trimmed, empty ones dropped.
pub fn split_source_ids(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect()
}

/// Source ids as a CSV cell writes them: `IEA2025;LBNL2024`.
pub fn source_cell(ids: &[String]) -> String {
    ids.join(";")
}

/// Source ids as prose writes them: `IEA2025; LBNL2024`.
pub fn source_list(ids: &[String]) -> String {
    ids.join("; ")
}

/// True if a list of source ids cites `id`.
pub fn cites(ids: &[String], id: &str) -> bool {
    ids.iter().any(|cited| cited == id)
}

/// What an output says where it uses a source that a newer edition supersedes: a statement
/// of fact, since the older edition may be used on purpose (drawn beside the newer one, or for
/// figures only it publishes). `newer_cited` says whether the newer edition is cited too.
pub fn superseded_note(old: &str, new: &str, newer_cited: bool) -> Text {
    if newer_cited {
        Text {
            en: format!("{old} is superseded by {new} (both editions are cited)."),
            fr: format!("{old} est remplacé par {new} (les deux éditions sont citées)."),
        }
    } else {
        Text {
            en: format!("{old} is superseded by {new}."),
            fr: format!("{old} est remplacé par {new}."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn statuses_round_trip() {
        for status in Verification::ALL {
            assert_eq!(Verification::parse(status.as_str()), Some(status));
        }
        assert_eq!(Verification::parse("maybe"), None);
        assert!(Verification::ConfirmedCopy.is_confirmed());
        assert!(!Verification::Derived.is_confirmed());
        assert_eq!(Verification::Derived.label().get(Lang::Fr), "calculé");
    }

    #[test]
    fn source_ids_split_and_join() {
        let ids = split_source_ids(" IEA2025 ;; LBNL2024;");
        assert_eq!(ids, ["IEA2025", "LBNL2024"]);
        assert_eq!(source_cell(&ids), "IEA2025;LBNL2024");
        assert_eq!(source_list(&ids), "IEA2025; LBNL2024");
        assert!(cites(&ids, "LBNL2024") && !cites(&ids, "LBNL"));
    }

    #[test]
    fn a_superseded_source_is_named_with_its_successor_in_both_languages() {
        let alone = superseded_note("LBNL-2024", "LBNL-2025U", false);
        assert_eq!(alone.en, "LBNL-2024 is superseded by LBNL-2025U.");
        assert_eq!(
            alone.get(Lang::Fr),
            "LBNL-2024 est remplacé par LBNL-2025U."
        );
        let beside = superseded_note("LBNL-2024", "LBNL-2025U", true);
        assert!(
            beside.en.contains("both editions are cited"),
            "{}",
            beside.en
        );
        assert!(beside.fr.contains("les deux éditions"), "{}", beside.fr);
    }
}
