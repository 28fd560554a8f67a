//! "Did you mean …?": the known word closest to a misspelt one, for every place that
//! rejects a name (configuration keys, rule selectors, flags, Compose keys).

/// "; did you mean `x`?" for the candidate closest to `input`, or nothing when no
/// candidate is close enough to be a likely typo.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(input, candidates)
        .map(|candidate| format!("; did you mean `{candidate}`?"))
        .unwrap_or_default()
}

/// The candidate closest to `input` (ignoring case): within an edit distance of
/// about a third of its length, or containing it.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.trim().to_ascii_lowercase();
    let limit = input.chars().count().div_ceil(3);
    candidates
        .into_iter()
        .filter_map(|candidate| {
            let lower = candidate.to_ascii_lowercase();
            let distance = edit_distance(&input, &lower);
            let contains = input.len() >= 3 && lower.contains(&input);
            (distance <= limit || contains).then_some((distance, candidate))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_prefers_small_edits_and_containment() {
        assert_eq!(closest("selct", ["select", "ignore"]), Some("select"));
        assert_eq!(
            closest("strict", ["default", "restricted"]),
            Some("restricted")
        );
        assert_eq!(closest("xyz", ["select", "ignore"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
