//! The advisor configuration of a simulated advisor account
//! ([`SimConfig::advisor`](crate::sim::SimConfig::advisor)): groups and
//! aliases as `requestFA` returns them, replaced by `replaceFA` (per
//! connection).

use crate::messages::account::fa_data_type;

/// What `replaceFA` has set on this connection (`None`: the default).
#[derive(Debug, Default)]
pub(super) struct FaConfig {
    groups: Option<String>,
    profiles: Option<String>,
    aliases: Option<String>,
}

/// The default groups: `Everyone`, holding every sub-account.
fn default_groups(accounts: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListOfGroups>\n  <Group>\n    <name>Everyone</name>\n    <ListOfAccts varName=\"list\">\n",
    );
    for a in accounts.iter().skip(1) {
        xml.push_str(&format!("      <String>{a}</String>\n"));
    }
    xml.push_str("    </ListOfAccts>\n    <defaultMethod>NetLiq</defaultMethod>\n  </Group>\n</ListOfGroups>\n");
    xml
}

/// The default aliases: every account is its own alias.
fn default_aliases(accounts: &[String]) -> String {
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListOfAccountAliases>\n");
    for a in accounts {
        xml.push_str(&format!(
            "  <AccountAlias>\n    <account>{a}</account>\n    <alias>{a}</alias>\n  </AccountAlias>\n"
        ));
    }
    xml.push_str("</ListOfAccountAliases>\n");
    xml
}

/// The texts between `<tag>` and `</tag>` in `xml`, in order.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        match after.find(&close) {
            Some(end) => {
                out.push(after[..end].trim());
                rest = &after[end + close.len()..];
            }
            None => break,
        }
    }
    out
}

impl FaConfig {
    /// The XML `requestFA` returns for `fa_data`.
    pub(super) fn xml(&self, fa_data: i32, accounts: &[String]) -> String {
        match fa_data {
            fa_data_type::GROUPS => self
                .groups
                .clone()
                .unwrap_or_else(|| default_groups(accounts)),
            fa_data_type::ALIASES => self
                .aliases
                .clone()
                .unwrap_or_else(|| default_aliases(accounts)),
            _ => self.profiles.clone().unwrap_or_else(|| {
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListOfAllocationProfiles/>\n".into()
            }),
        }
    }

    /// Stores a `replaceFA`; returns the text of its `replaceFAEnd`.
    pub(super) fn replace(&mut self, fa_data: i32, cxml: String) -> String {
        let (slot, what) = match fa_data {
            fa_data_type::GROUPS => (&mut self.groups, "GROUPS"),
            fa_data_type::ALIASES => (&mut self.aliases, "ALIASES"),
            _ => (&mut self.profiles, "PROFILES"),
        };
        *slot = Some(cxml);
        format!("{what} replaced")
    }

    /// The accounts of the advisor group `name` (none for an unknown group).
    pub(super) fn group_accounts(&self, name: &str, accounts: &[String]) -> Vec<String> {
        let groups = self.xml(fa_data_type::GROUPS, accounts);
        for group in elements(&groups, "Group") {
            if elements(group, "name").first() == Some(&name) {
                return elements(group, "String")
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
            }
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_default_replace_and_lookup() {
        let accounts: Vec<String> = ["F1", "DU1", "DU2"].map(String::from).to_vec();
        let mut fa = FaConfig::default();
        let xml = fa.xml(fa_data_type::GROUPS, &accounts);
        assert!(xml.contains("<String>DU1</String>") && !xml.contains("<String>F1</String>"));
        assert!(fa
            .xml(fa_data_type::ALIASES, &accounts)
            .contains("<alias>F1</alias>"));
        assert_eq!(
            fa.group_accounts("Everyone", &accounts),
            accounts[1..].to_vec()
        );
        let text = fa.replace(
            fa_data_type::GROUPS,
            "<ListOfGroups><Group><name>Tech</name><ListOfAccts varName=\"list\"><String>DU2</String></ListOfAccts></Group></ListOfGroups>".into(),
        );
        assert_eq!(text, "GROUPS replaced");
        assert_eq!(fa.group_accounts("Tech", &accounts), vec!["DU2".to_owned()]);
        assert!(fa.group_accounts("Other", &accounts).is_empty());
        assert!(fa.xml(fa_data_type::GROUPS, &accounts).contains("Tech"));
    }
}
