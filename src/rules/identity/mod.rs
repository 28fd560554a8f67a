//! Identity rules: the user a container runs as and the groups it joins.

use super::Rule;

mod root_user;
mod sensitive_group_add;

pub use root_user::ROOT_USER;
pub use sensitive_group_add::SENSITIVE_GROUP_ADD;

pub static RULES: &[&Rule] = &[&ROOT_USER, &SENSITIVE_GROUP_ADD];
