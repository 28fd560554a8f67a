//! `extends` within one file: each service gets its base's settings (with the base's
//! spans) under its own, bases first; cycles and unknown bases are reported.

use crate::compose::lower::Service;
use crate::compose::merge::merge;
use crate::model::{shown_size, InputCode, InputProblem};
use crate::model::{Container, Setting};
use std::collections::HashMap;

/// The services with their bases applied, in order. `extends` copies at most
/// `inherited_bytes` of service text in total: chains and fans of `extends` could
/// otherwise multiply the input like a YAML "billion laughs".
pub fn resolve(
    services: &[Service],
    inherited_bytes: usize,
    problems: &mut Vec<InputProblem>,
) -> Vec<Container> {
    let mut resolver = Resolver {
        services,
        index: services
            .iter()
            .enumerate()
            .map(|(i, s)| (s.container.name.as_str(), i))
            .collect(),
        resolved: services.iter().map(|_| None).collect(),
        in_chain: vec![false; services.len()],
        budget: Some(inherited_bytes),
        inherited_bytes,
        problems,
    };
    for service in 0..services.len() {
        resolver.resolve(service);
    }
    resolver
        .resolved
        .into_iter()
        .flatten()
        .map(|resolved| resolved.container)
        .collect()
}

struct Resolved {
    container: Container,
    /// Bytes of service text behind it: its own and its bases'.
    weight: usize,
}

struct Resolver<'a> {
    services: &'a [Service],
    index: HashMap<&'a str, usize>,
    resolved: Vec<Option<Resolved>>,
    /// Services on the chain being followed, to stop at cycles.
    in_chain: Vec<bool>,
    /// Bytes `extends` may still copy; `None` once the limit was hit and reported.
    budget: Option<usize>,
    /// The limit `budget` started from, for the message.
    inherited_bytes: usize,
    problems: &'a mut Vec<InputProblem>,
}

impl Resolver<'_> {
    fn resolve(&mut self, start: usize) {
        if self.resolved[start].is_some() {
            return;
        }
        let chain = self.chain(start);
        // Bases first, so each service's base is resolved when it is reached.
        for (at, &current) in chain.iter().enumerate().rev() {
            self.in_chain[current] = false;
            if self.resolved[current].is_none() {
                let resolved = match chain.get(at + 1) {
                    Some(&base) => self.inherit(current, base),
                    None => self.own(current),
                };
                self.resolved[current] = Some(resolved);
            }
        }
    }

    /// `start` and its bases, up to one already resolved or without a base.
    fn chain(&mut self, start: usize) -> Vec<usize> {
        let mut chain = vec![start];
        self.in_chain[start] = true;
        while let Some(current) = chain.last().copied() {
            let Some(extends) = &self.services[current].extends else {
                break;
            };
            let Some(base_name) = extends.value.as_deref() else {
                break;
            };
            let base = match self.index.get(base_name) {
                None => {
                    let message =
                        format!("`extends`: there is no service `{base_name}` in this file");
                    self.report(current, InputCode::InvalidValue, extends, message);
                    break;
                }
                Some(&base) if self.in_chain[base] => {
                    let message =
                        format!("`extends`: service `{base_name}` extends this one in turn");
                    self.report(current, InputCode::InvalidValue, extends, message);
                    break;
                }
                Some(&base) => base,
            };
            chain.push(base);
            self.in_chain[base] = true;
            if self.resolved[base].is_some() {
                break;
            }
        }
        chain
    }

    fn own(&self, service: usize) -> Resolved {
        let container = self.services[service].container.clone();
        Resolved {
            weight: container.span.len(),
            container,
        }
    }

    /// The service's settings over those of its (resolved) base, within the copy budget.
    fn inherit(&mut self, current: usize, base: usize) -> Resolved {
        let own = self.own(current);
        let service = &self.services[current];
        let base = self.resolved[base]
            .as_ref()
            .expect("bases are resolved first");
        match self.budget.and_then(|left| left.checked_sub(base.weight)) {
            Some(left) => {
                self.budget = Some(left);
                Resolved {
                    container: merge(base.container.clone(), own.container, &service.replaced),
                    weight: own.weight + base.weight,
                }
            }
            None => {
                if self.budget.take().is_some() {
                    let message = format!(
                        "`extends` copies more than {} of settings; the rest is not inherited",
                        shown_size(self.inherited_bytes)
                    );
                    let extends = service
                        .extends
                        .as_ref()
                        .expect("inheriting service extends");
                    self.report(current, InputCode::InputLimitExceeded, extends, message);
                }
                own
            }
        }
    }

    fn report(&mut self, service: usize, code: InputCode, at: &Setting<String>, message: String) {
        let mut problem = InputProblem::new(code, at.span, message);
        problem.container = Some(self.services[service].container.name.clone());
        self.problems.push(problem);
    }
}
