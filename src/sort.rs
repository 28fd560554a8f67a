//! Stable sorting through one shared instance of the standard library's sort.
//!
//! `slice::sort_by` is generic: every element type and comparison gets its own copy
//! of the sort's code (about 3 KB each in the WebAssembly module). These functions
//! sort the positions `0..len` instead, comparing through a `dyn` closure, so there
//! is one copy, and then move the items into that order: O(n log n) comparisons and
//! O(n) moves, as before.

use std::cmp::Ordering;

/// Sorts `items` stably by `key`, as `slice::sort_by_key` does.
pub fn by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably by `compare`, as `slice::sort_by` does.
pub fn by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items = &*items;
        sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]))
    };
    permute(items, order);
}

/// `0..len`, stably sorted by `compare`.
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|&a, &b| compare(a, b));
    positions
}

/// Moves `items[order[p]]` to position `p`, one cycle of the permutation at a time;
/// a position whose item is in place is marked with its own index.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_by_key() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        by_key(&mut items, |&(key, _)| key);
        assert_eq!(
            items,
            [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
    }

    #[test]
    fn matches_the_standard_sort_on_every_sequence_of_five_keys() {
        // All 5^5 sequences over 0..5: every order, with and without repeated keys.
        for code in 0..5u32.pow(5) {
            let keys: Vec<u32> = (0..5).map(|i| code / 5u32.pow(i) % 5).collect();
            let tagged: Vec<(u32, usize)> = keys.iter().copied().zip(0..).collect();
            let mut ours = tagged.clone();
            by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut standard = tagged;
            standard.sort_by_key(|a| a.0);
            assert_eq!(ours, standard, "{keys:?}");
        }
    }
}
