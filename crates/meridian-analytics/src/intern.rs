//! Interning: each distinct value (a field name, a code, a record id) gets a small number,
//! so the tables hold `u32`s and comparisons are integer comparisons.

use std::collections::HashMap;
use std::hash::Hash;

/// The number that stands for "no value" in a single-valued column.
pub(crate) const NONE: u32 = u32::MAX;

#[derive(Debug)]
pub(crate) struct Interner<T: Eq + Hash + Clone> {
    values: Vec<T>,
    numbers: HashMap<T, u32>,
}

impl<T: Eq + Hash + Clone> Default for Interner<T> {
    fn default() -> Self {
        Self {
            values: Vec::new(),
            numbers: HashMap::new(),
        }
    }
}

impl<T: Eq + Hash + Clone> Interner<T> {
    pub fn intern(&mut self, value: &T) -> u32 {
        if let Some(n) = self.numbers.get(value) {
            return *n;
        }
        // Distinct values are far fewer than 4 billion (records are counted in millions).
        let n = self.values.len() as u32;
        self.values.push(value.clone());
        self.numbers.insert(value.clone(), n);
        n
    }

    /// The number of a value seen before; `None` when it never was (so nothing matches it).
    pub fn get<Q>(&self, value: &Q) -> Option<u32>
    where
        T: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.numbers.get(value).copied()
    }

    pub fn value(&self, n: u32) -> &T {
        &self.values[n as usize]
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }
}

/// Field names and short values.
pub(crate) type Symbols = Interner<Box<str>>;
