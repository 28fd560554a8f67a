//! Text several containers read: a value anchored in one place and aliased by other
//! services, a service others `extends`. A fix written there changes every one of
//! them, and says so.

use super::Container;
use crate::span::Span;
use std::collections::HashMap;

/// For each piece of text containers read, which containers read it.
pub struct Readers {
    /// Each container's own text and each text it borrows → the containers reading
    /// it, in container order.
    by_text: HashMap<Span, Vec<usize>>,
    /// Per container: the texts inside its own that others borrow (an anchor
    /// written in this service and aliased by another).
    lent: Vec<Vec<Span>>,
}

impl Readers {
    pub fn new(containers: &[Container]) -> Readers {
        let mut by_text: HashMap<Span, Vec<usize>> = HashMap::new();
        let mut lent: Vec<Vec<Span>> = vec![Vec::new(); containers.len()];
        for (index, container) in containers.iter().enumerate() {
            by_text.entry(container.span).or_default().push(index);
        }
        // Containers are in text order and their own texts do not overlap, so the
        // service a borrowed text is written in is found by a binary search.
        let owner_of = |text: Span| {
            let after = containers.partition_point(|c| c.span.start <= text.start);
            let owner = after.checked_sub(1)?;
            let own = containers[owner].span;
            (own.contains(text) && own != text).then_some(owner)
        };
        for (index, container) in containers.iter().enumerate() {
            for text in &container.borrowed {
                let readers = by_text.entry(*text).or_insert_with(|| {
                    // The service the anchor is written in reads it too.
                    let owner = owner_of(*text).filter(|owner| *owner != index);
                    if let Some(owner) = owner {
                        lent[owner].push(*text);
                    }
                    owner.into_iter().collect()
                });
                if readers.last() != Some(&index) {
                    readers.push(index);
                }
            }
        }
        Readers { by_text, lent }
    }

    /// The containers other than `containers[index]` whose settings an edit at `at`
    /// of that container's text changes: how many (anchors nested in anchors may
    /// count a reader twice), and the first few.
    pub fn others(&self, containers: &[Container], index: usize, at: Span) -> Others {
        let container = &containers[index];
        let held_in = std::iter::once(container.span)
            .chain(container.borrowed.iter().copied())
            .filter(|text| text.contains(at));
        let lent = self.lent[index]
            .iter()
            .copied()
            .filter(|text| text.contains(at));
        let mut others = Others::default();
        for text in held_in.chain(lent) {
            if let Some(readers) = self.by_text.get(&text) {
                others.add_readers(readers, index);
            }
        }
        others
    }
}

/// The other containers an edit changes: their count and the first
/// [`Others::NAMED`] of them, so that a text read by thousands stays cheap to describe.
#[derive(Debug, Default, PartialEq)]
pub struct Others {
    pub count: usize,
    pub first: Vec<usize>,
}

impl Others {
    pub const NAMED: usize = 3;

    fn add(&mut self, reader: usize) {
        if self.first.contains(&reader) {
            return;
        }
        self.count += 1;
        if self.first.len() < Self::NAMED {
            self.first.push(reader);
        }
    }

    /// Adds every reader of one text but `index`, as `add` one by one would, in time
    /// independent of their number once the first few are named: a text read by
    /// thousands of services, with a finding in each, stays linear.
    fn add_readers(&mut self, readers: &[usize], index: usize) {
        let mut rest = readers;
        while self.first.len() < Self::NAMED {
            let Some((&reader, tail)) = rest.split_first() else {
                return;
            };
            if reader != index {
                self.add(reader);
            }
            rest = tail;
        }
        // A list of readers is its first reader (the owner of an anchor, or the
        // service whose own text it is), then the others in increasing order.
        let occurrences = |value: usize| {
            let (head, sorted) = if rest.len() == readers.len() {
                rest.split_at(rest.len().min(1))
            } else {
                (&[][..], rest)
            };
            head.iter().filter(|&&reader| reader == value).count()
                + usize::from(sorted.binary_search(&value).is_ok())
        };
        let skipped: usize = self
            .first
            .iter()
            .chain(std::iter::once(&index))
            .map(|&value| occurrences(value))
            .sum();
        self.count += rest.len() - skipped;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn container(name: &str, span: Span, borrowed: &[Span]) -> Container {
        let mut container = Container::new(name, span, span, Origin::Compose);
        container.borrowed = borrowed.to_vec();
        container
    }

    #[test]
    fn an_anchor_is_read_by_its_owner_and_every_alias() {
        let anchor = Span::new(12, 20);
        let containers = [
            container("a", Span::new(10, 30), &[]),
            container("b", Span::new(30, 50), &[anchor]),
            container("c", Span::new(50, 70), &[anchor]),
            container("d", Span::new(70, 90), &[]),
        ];
        let readers = Readers::new(&containers);
        let inside = Span::new(14, 16);
        let of = |index| readers.others(&containers, index, inside);
        assert_eq!(
            of(0),
            Others {
                count: 2,
                first: vec![1, 2]
            }
        );
        assert_eq!(
            of(1),
            Others {
                count: 2,
                first: vec![0, 2]
            }
        );
        // An edit elsewhere in `a`'s own text changes only `a`.
        assert_eq!(
            readers.others(&containers, 0, Span::new(22, 24)),
            Others::default()
        );
    }
}
