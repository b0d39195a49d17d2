//! The steps of an export and how far each got (PRODUCT.md E3), as `data-step` and
//! `data-status` name them.

use crate::protocol::ExportStep;

/// Every step, in order (`data-step`).
pub const STEPS: [ExportStep; 8] = [
    ExportStep::Check,
    ExportStep::Download,
    ExportStep::Verify,
    ExportStep::Parse,
    ExportStep::Save,
    ExportStep::Attach,
    ExportStep::Assign,
    ExportStep::Done,
];

/// How far an export got, as `data-status` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepStatus {
    Pending,
    Current,
    Done,
    Failed,
    /// Stopped until something outside happens (the user confirms, the CRM comes back).
    Waiting,
}

impl StepStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Current => "current",
            Self::Done => "done",
            Self::Failed => "failed",
            Self::Waiting => "waiting",
        }
    }
}
