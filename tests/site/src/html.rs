//! A tiny markup builder. Every element is built with style tokens that render as hashed
//! class names, so no page can forget to hash one; text is always escaped.

use crate::classes::Classes;

/// A piece of markup.
#[derive(Clone, Debug)]
pub enum Node {
    El(Box<El>),
    Text(String),
    /// Fixed markup written in this crate (SVG paths), never data.
    Trusted(&'static str),
}

/// One element: tag, style tokens, attributes (in order) and children.
#[derive(Clone, Debug)]
pub struct El {
    tag: &'static str,
    style: &'static str,
    attrs: Vec<(&'static str, String)>,
    kids: Vec<Node>,
}

/// Elements that never have content or an end tag.
const VOID: &[&str] = &["img", "input", "br", "hr", "meta", "link"];

/// Starts an element with its style tokens (`""` for the tag's default look).
pub fn el(tag: &'static str, style: &'static str) -> El {
    El {
        tag,
        style,
        attrs: Vec::new(),
        kids: Vec::new(),
    }
}

impl El {
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.attrs.push((name, value.into()));
        self
    }

    /// Sets the attribute only when there is a value.
    pub fn attr_opt(self, name: &'static str, value: Option<impl Into<String>>) -> Self {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    pub fn text(mut self, s: impl Into<String>) -> Self {
        self.kids.push(Node::Text(s.into()));
        self
    }

    pub fn child(mut self, node: impl Into<Node>) -> Self {
        self.kids.push(node.into());
        self
    }

    /// Adds the child only when there is one.
    pub fn child_opt(mut self, node: Option<impl Into<Node>>) -> Self {
        if let Some(node) = node {
            self.kids.push(node.into());
        }
        self
    }

    pub fn kids<N: Into<Node>>(mut self, nodes: impl IntoIterator<Item = N>) -> Self {
        self.kids.extend(nodes.into_iter().map(Into::into));
        self
    }

    pub fn trusted(mut self, markup: &'static str) -> Self {
        self.kids.push(Node::Trusted(markup));
        self
    }
}

impl From<El> for Node {
    fn from(el: El) -> Self {
        Node::El(Box::new(el))
    }
}

/// Renders nodes; an element without style tokens gets its tag's hashed default, so every
/// element carries at least one class, like the real site.
pub fn render(nodes: &[Node], classes: &Classes) -> String {
    let mut out = String::with_capacity(16 * 1024);
    for node in nodes {
        write_node(node, classes, &mut out);
    }
    out
}

fn write_node(node: &Node, classes: &Classes, out: &mut String) {
    match node {
        Node::Text(s) => out.push_str(&escape(s)),
        Node::Trusted(s) => out.push_str(s),
        Node::El(el) => {
            out.push('<');
            out.push_str(el.tag);
            let class = if el.style.trim().is_empty() {
                classes.name(&format!("tag-{}", el.tag))
            } else {
                classes.list(el.style)
            };
            out.push_str(" class=\"");
            out.push_str(&class);
            out.push('"');
            for (name, value) in &el.attrs {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                out.push_str(&escape(value));
                out.push('"');
            }
            out.push('>');
            if VOID.contains(&el.tag) {
                return;
            }
            for kid in &el.kids {
                write_node(kid, classes, out);
            }
            out.push_str("</");
            out.push_str(el.tag);
            out.push('>');
        }
    }
}

/// Escapes text for element content and double-quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_get_hashed_classes_and_escaped_text() {
        let classes = Classes::new(3);
        let html = render(
            &[el("p", "muted")
                .attr("aria-label", "a \"b\"")
                .text("<x> & y")
                .into()],
            &classes,
        );
        let expected = format!(
            "<p class=\"{}\" aria-label=\"a &quot;b&quot;\">&lt;x&gt; &amp; y</p>",
            classes.name("muted")
        );
        assert_eq!(html, expected);
    }

    #[test]
    fn void_elements_have_no_end_tag_and_bare_elements_still_get_a_class() {
        let classes = Classes::new(3);
        let html = render(&[el("img", "").attr("alt", "").into()], &classes);
        assert_eq!(
            html,
            format!("<img class=\"{}\" alt=\"\">", classes.name("tag-img"))
        );
    }
}
