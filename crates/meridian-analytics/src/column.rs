//! A column of interned values, one entry per row: single-valued while every row has at
//! most one value (a plain `Vec<u32>`, the fast case), widened to lists the first time a
//! row has several.

use crate::intern::NONE;

#[derive(Debug)]
pub(crate) enum Column {
    One(Vec<u32>),
    Many(Vec<Box<[u32]>>),
}

impl Column {
    /// A column for `rows` existing rows, all without a value.
    pub fn with_rows(rows: usize) -> Self {
        Column::One(vec![NONE; rows])
    }

    pub fn values(&self, row: usize) -> &[u32] {
        match self {
            Column::One(v) if v[row] == NONE => &[],
            Column::One(v) => std::slice::from_ref(&v[row]),
            Column::Many(v) => &v[row],
        }
    }

    pub fn push(&mut self, values: &[u32]) {
        if values.len() > 1 {
            self.widen();
        }
        match self {
            Column::One(v) => v.push(values.first().copied().unwrap_or(NONE)),
            Column::Many(v) => v.push(values.into()),
        }
    }

    pub fn set(&mut self, row: usize, values: &[u32]) {
        if values.len() > 1 {
            self.widen();
        }
        match self {
            Column::One(v) => v[row] = values.first().copied().unwrap_or(NONE),
            Column::Many(v) => v[row] = values.into(),
        }
    }

    pub fn swap_remove(&mut self, row: usize) {
        match self {
            Column::One(v) => {
                v.swap_remove(row);
            }
            Column::Many(v) => {
                v.swap_remove(row);
            }
        }
    }

    fn widen(&mut self) {
        if let Column::One(v) = self {
            let many = v
                .iter()
                .map(|&x| {
                    if x == NONE {
                        Box::default()
                    } else {
                        Box::from([x])
                    }
                })
                .collect();
            *self = Column::Many(many);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_widens_when_a_row_has_several_values_and_keeps_the_others() {
        let mut c = Column::with_rows(2);
        c.set(1, &[7]);
        assert!(matches!(c, Column::One(_)));
        c.push(&[3, 4]);
        assert!(matches!(c, Column::Many(_)));
        assert_eq!(c.values(0), &[] as &[u32]);
        assert_eq!(c.values(1), &[7]);
        assert_eq!(c.values(2), &[3, 4]);
        c.swap_remove(0);
        assert_eq!(c.values(0), &[3, 4]);
        assert_eq!(c.values(1), &[7]);
    }
}
