//! Review: draft → submitted → approved → archived, with submissions returned to draft
//! with a comment. Every transition is a new version, so it is in the history.

use crate::{App, AppError, AppResult};
use meridian_domain::{Approval, RecordId, RecordKind};
use meridian_store::{Actor, Change, StoredRecord};

/// A step in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// An editor hands a draft in for approval.
    Submit,
    /// An approver accepts a submission; the record becomes public.
    Approve,
    /// An approver sends a submission back to draft; a comment is required.
    Return,
    /// An approved record is withdrawn from public view and kept.
    Archive,
    /// An archived record becomes a draft again.
    Reopen,
}

impl Transition {
    pub const ALL: [Transition; 5] = [
        Transition::Submit,
        Transition::Approve,
        Transition::Return,
        Transition::Archive,
        Transition::Reopen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Transition::Submit => "submit",
            Transition::Approve => "approve",
            Transition::Return => "return",
            Transition::Archive => "archive",
            Transition::Reopen => "reopen",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// The state it starts from and the state it leads to.
    pub fn states(self) -> (Approval, Approval) {
        match self {
            Transition::Submit => (Approval::Draft, Approval::Submitted),
            Transition::Approve => (Approval::Submitted, Approval::Approved),
            Transition::Return => (Approval::Submitted, Approval::Draft),
            Transition::Archive => (Approval::Approved, Approval::Archived),
            Transition::Reopen => (Approval::Archived, Approval::Draft),
        }
    }

    /// The transitions possible from `state`.
    pub fn from_state(state: Approval) -> Vec<Transition> {
        Self::ALL
            .into_iter()
            .filter(|t| t.states().0 == state)
            .collect()
    }

    /// Approving, returning and archiving are an approver's steps.
    pub fn needs_approver(self) -> bool {
        matches!(
            self,
            Transition::Approve | Transition::Return | Transition::Archive
        )
    }
}

impl App {
    /// Moves a record one step in review. `expected_version` guards against acting on a
    /// record someone else changed meanwhile.
    pub async fn transition(
        &self,
        kind: RecordKind,
        id: RecordId,
        expected_version: i64,
        step: Transition,
        comment: Option<String>,
        actor: &Actor,
    ) -> AppResult<StoredRecord> {
        let current = self.get(kind, id).await?;
        let (from, to) = step.states();
        if current.approval != from {
            return Err(AppError::NotAllowed {
                code: "wrong_state",
                message: format!(
                    "{kind} {id} is {}, so it cannot be {}ed (that needs {})",
                    current.approval.as_str(),
                    step.as_str().trim_end_matches('e'),
                    from.as_str()
                ),
            });
        }
        let comment = comment
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
        if step == Transition::Return && comment.is_none() {
            return Err(AppError::NotAllowed {
                code: "comment_required",
                message: "returning a submission needs a comment saying what to change".into(),
            });
        }
        let change = Change {
            approval: to,
            comment: Some(match comment {
                Some(c) => format!("{}: {c}", step.as_str()),
                None => step.as_str().to_string(),
            }),
            ..Change::body_of(&current, current.body.clone())
        };
        let record = self
            .store
            .update(id, expected_version, change, actor)
            .await?;
        self.after_change(id).await;
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_offers_the_steps_the_workflow_allows() {
        use Transition::*;
        assert_eq!(Transition::from_state(Approval::Draft), vec![Submit]);
        assert_eq!(
            Transition::from_state(Approval::Submitted),
            vec![Approve, Return]
        );
        assert_eq!(Transition::from_state(Approval::Approved), vec![Archive]);
        assert_eq!(Transition::from_state(Approval::Archived), vec![Reopen]);
    }
}
