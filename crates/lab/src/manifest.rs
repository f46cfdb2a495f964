//! The two edits `cargo lab verify` makes to copies of Cargo manifests,
//! for the scratch workspaces it judges the wrong answers in
//! ([`crate::commands`], `wrong.rs`).
//!
//! Each edit changes the values it must and nothing else: the manifest is
//! parsed only to find where those values are written, they are replaced
//! in the text, and every other byte (comments, order, layout) is kept.
//! The result is parsed again and checked, so an edit that went wrong is an
//! error here, not a puzzling one from cargo.

use std::path::Path;

use crate::toml_subset::{self, Edits, Item, Table, Value};

/// The workspace manifest of a scratch copy: the real one (`text`), with
/// `member` (an exercise crate's folder) as its only member, no
/// `default-members`, and every path dependency of
/// `[workspace.dependencies]` made absolute by joining it to `root`.
pub fn scratch_workspace(text: &str, root: &Path, member: &Path) -> Result<String, String> {
    let manifest = parse(text)?;
    let workspace = table_at(&manifest, "workspace")?;
    let mut edits = Edits::new();
    let member = member.to_string_lossy();
    let members = workspace
        .get("members")
        .ok_or("the workspace manifest has no `members` in [workspace]")?;
    edits.replace(
        members.span.clone(),
        format!("[{}]", toml_subset::quote(&member)),
    );
    if let Some(default) = workspace.get("default-members") {
        edits
            .remove_entry(text, default)
            .map_err(|err| format!("the workspace manifest, {err}"))?;
    }
    for (name, path) in path_dependencies(workspace) {
        let relative = path.value.as_str().ok_or_else(|| {
            format!(
                "the workspace manifest, line {}: the path of `{name}` is not a string",
                path.line
            )
        })?;
        let absolute = root.join(relative);
        edits.replace(
            path.span.clone(),
            toml_subset::quote(&absolute.to_string_lossy()),
        );
    }
    let edited = edits.apply(text);

    // What cargo will read: the one member, and only absolute paths.
    let check = parse(&edited)?;
    let workspace = table_at(&check, "workspace")?;
    let members = workspace.get("members").map(|item| &item.value);
    let one_member = matches!(members, Some(Value::Array(items))
        if items.len() == 1 && items[0].value.as_str() == Some(&*member));
    let relative = path_dependencies(workspace).find(|(_, path)| {
        !path
            .value
            .as_str()
            .is_some_and(|p| Path::new(p).is_absolute())
    });
    if !one_member || workspace.get("default-members").is_some() || relative.is_some() {
        return Err(format!(
            "could not make the scratch workspace's manifest from the real one:\n{edited}"
        ));
    }
    Ok(edited)
}

/// A crate's manifest (`text`) with its `[package] version` set to
/// `version`. The manifest must give a version as a string already (the
/// exercise crates all do): that is the value replaced.
pub fn with_version(text: &str, version: &str) -> Result<String, String> {
    let manifest = parse(text)?;
    let package = table_at(&manifest, "package")?;
    let item = package
        .get("version")
        .filter(|item| item.value.as_str().is_some())
        .ok_or("the crate's manifest has no `version = \"…\"` in [package]")?;
    let mut edits = Edits::new();
    edits.replace(item.span.clone(), toml_subset::quote(version));
    let edited = edits.apply(text);
    let check = parse(&edited)?;
    let written = check.get_path(&["package", "version"]);
    if written.and_then(|item| item.value.as_str()) != Some(version) {
        return Err(format!(
            "could not set the version in the crate's manifest:\n{edited}"
        ));
    }
    Ok(edited)
}

fn parse(text: &str) -> Result<Table, String> {
    toml_subset::parse(text).map_err(|err| format!("the manifest does not parse: {err}"))
}

fn table_at<'t>(manifest: &'t Table, key: &str) -> Result<&'t Table, String> {
    manifest
        .get(key)
        .and_then(|item| item.value.as_table())
        .ok_or_else(|| format!("the manifest has no [{key}]"))
}

/// The `path` of every dependency in `[workspace.dependencies]` that has
/// one, by the dependency's name.
fn path_dependencies(workspace: &Table) -> impl Iterator<Item = (&str, &Item)> {
    workspace
        .get("dependencies")
        .and_then(|item| item.value.as_table())
        .into_iter()
        .flat_map(Table::iter)
        .filter_map(|(name, dependency)| {
            let path = dependency.value.as_table()?.get("path")?;
            Some((name, path))
        })
}
