//! The order in which the content script asks the site for the PDF, and when it stops:
//! GraphQL action (with the best query id) → on a stale id, one re-discovery and one retry →
//! the older REST action → a reason for the user. Every step ends; nothing loops.

use super::failure::{Action, ActionFailure};
use super::query_id::QueryId;
use crate::protocol::PdfFailure;

/// What to do next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// Ask the GraphQL action with this query id.
    Graphql(QueryId),
    /// Ask the worker to read the site's bundles again (the id was stale), then call
    /// [`Chain::rediscovered`].
    Rediscover,
    /// Ask the REST action.
    Rest,
    /// Give up with this reason (nothing was downloaded, nothing is counted).
    Stop(PdfFailure),
}

/// One export's way through the actions.
#[derive(Clone, Debug, Default)]
pub struct Chain {
    tried: Vec<QueryId>,
    rediscovered: bool,
}

impl Chain {
    /// The first step: the GraphQL action when there is a member URN for this person and an id
    /// to ask with, else straight to REST (which needs only the public id).
    pub fn start(&mut self, has_member_urn: bool, candidates: &[QueryId]) -> Next {
        match candidates.first() {
            Some(id) if has_member_urn => self.ask(id.clone()),
            _ => Next::Rest,
        }
    }

    /// After the worker read the bundles again: the best id not tried yet, once; else REST.
    pub fn rediscovered(&mut self, candidates: &[QueryId]) -> Next {
        match candidates.iter().find(|id| !self.tried.contains(id)) {
            Some(id) => self.ask(id.clone()),
            None => Next::Rest,
        }
    }

    /// An action gave no link.
    pub fn failed(&mut self, action: Action, failure: ActionFailure) -> Next {
        match (action, failure) {
            (_, ActionFailure::AuthWall) => Next::Stop(PdfFailure::SiteRefused),
            (_, ActionFailure::OptedOut) => Next::Stop(PdfFailure::OptedOut),
            (_, ActionFailure::RateLimited) => Next::Stop(PdfFailure::RateLimited),
            (_, ActionFailure::Network) => Next::Stop(PdfFailure::Network),
            (_, ActionFailure::ServerError) => Next::Stop(PdfFailure::SiteError),
            (Action::Graphql, ActionFailure::Gone) if !self.rediscovered => {
                self.rediscovered = true;
                Next::Rediscover
            }
            (Action::Graphql, _) => Next::Rest,
            (Action::Rest, _) => Next::Stop(PdfFailure::NotOffered),
        }
    }

    fn ask(&mut self, id: QueryId) -> Next {
        self.tried.push(id.clone());
        Next::Graphql(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(hex: char) -> QueryId {
        QueryId::parse(&format!(
            "voyagerIdentityDashProfileActionsV2.{}",
            hex.to_string().repeat(32)
        ))
        .unwrap()
    }

    #[test]
    fn graphql_first_rest_without_a_member_urn() {
        assert_eq!(
            Chain::default().start(true, &[id('a')]),
            Next::Graphql(id('a'))
        );
        assert_eq!(Chain::default().start(false, &[id('a')]), Next::Rest);
        assert_eq!(Chain::default().start(true, &[]), Next::Rest);
    }

    #[test]
    fn a_stale_id_is_rediscovered_once_then_retried_once() {
        let mut chain = Chain::default();
        assert_eq!(
            chain.start(true, &[id('a'), id('b')]),
            Next::Graphql(id('a'))
        );
        assert_eq!(
            chain.failed(Action::Graphql, ActionFailure::Gone),
            Next::Rediscover
        );
        // The site now ships `c`: it is tried.
        assert_eq!(
            chain.rediscovered(&[id('c'), id('b')]),
            Next::Graphql(id('c'))
        );
        // Stale again: no second re-discovery, REST instead.
        assert_eq!(
            chain.failed(Action::Graphql, ActionFailure::Gone),
            Next::Rest
        );
        assert_eq!(
            chain.failed(Action::Rest, ActionFailure::Gone),
            Next::Stop(PdfFailure::NotOffered)
        );
    }

    #[test]
    fn rediscovering_the_same_id_moves_to_the_next_candidate_or_rest() {
        let mut chain = Chain::default();
        chain.start(true, &[id('a'), id('b')]);
        chain.failed(Action::Graphql, ActionFailure::Gone);
        assert_eq!(
            chain.rediscovered(&[id('a'), id('b')]),
            Next::Graphql(id('b'))
        );

        let mut alone = Chain::default();
        alone.start(true, &[id('a')]);
        alone.failed(Action::Graphql, ActionFailure::Gone);
        assert_eq!(alone.rediscovered(&[id('a')]), Next::Rest);
    }

    #[test]
    fn the_users_reasons_stop_the_chain() {
        for (failure, reason) in [
            (ActionFailure::AuthWall, PdfFailure::SiteRefused),
            (ActionFailure::OptedOut, PdfFailure::OptedOut),
            (ActionFailure::RateLimited, PdfFailure::RateLimited),
            (ActionFailure::Network, PdfFailure::Network),
            (ActionFailure::ServerError, PdfFailure::SiteError),
        ] {
            for action in [Action::Graphql, Action::Rest] {
                let mut chain = Chain::default();
                chain.start(true, &[id('a')]);
                assert_eq!(
                    chain.failed(action, failure),
                    Next::Stop(reason),
                    "{failure:?}"
                );
            }
        }
    }

    #[test]
    fn an_answer_of_another_shape_falls_back_to_rest() {
        for failure in [ActionFailure::NotJson, ActionFailure::NoUrl] {
            let mut chain = Chain::default();
            chain.start(true, &[id('a')]);
            assert_eq!(chain.failed(Action::Graphql, failure), Next::Rest);
            assert_eq!(
                chain.failed(Action::Rest, failure),
                Next::Stop(PdfFailure::NotOffered)
            );
        }
    }

    #[test]
    fn every_path_ends_within_five_steps() {
        // Whatever the site answers, the chain stops: at most 2 GraphQL asks, 1 re-discovery
        // and 1 REST ask.
        let all = ActionFailure::ALL;
        for first in all {
            for second in all {
                for third in all {
                    let answers = [first, second, third, first];
                    let mut chain = Chain::default();
                    let mut next = chain.start(true, &[id('a'), id('b')]);
                    let mut steps = 0;
                    let mut answer = answers.iter();
                    while !matches!(next, Next::Stop(_)) {
                        steps += 1;
                        assert!(steps <= 5, "{answers:?}");
                        next = match next {
                            Next::Graphql(_) => {
                                chain.failed(Action::Graphql, *answer.next().unwrap_or(&first))
                            }
                            Next::Rest => {
                                chain.failed(Action::Rest, *answer.next().unwrap_or(&first))
                            }
                            Next::Rediscover => chain.rediscovered(&[id('a'), id('c')]),
                            Next::Stop(_) => unreachable!(),
                        };
                    }
                }
            }
        }
    }
}
