//! A stable insertion sort for the short lists this app sorts (tens of entries).
//!
//! Why not `slice::sort_by`: each use of the standard sort instantiates a large, fast algorithm
//! for that type and comparator; across the app they added 55 KB to the WebAssembly. For lists
//! this short, insertion sort is as fast and a few hundred bytes.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`.
pub fn sort_small_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for end in 1..items.len() {
        let mut at = end;
        while at > 0 && compare(&items[at - 1], &items[at]) == Ordering::Greater {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

/// Sorts `items` stably by a key.
pub fn sort_small_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_small_by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_small_by_key(&mut items, |item| item.0);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        sort_small_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }
}
