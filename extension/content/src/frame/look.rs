//! A badge's look (`talent_bridge::protocol::frame::Look`): the badge row drawn by the badge's
//! own code (`mount::look`) in the reader's document, read back as elements and texts for
//! `frames.js` to draw in the page until the user reaches for the badge and its frame is made.

use crate::mount;
use crate::reply::Badge;
use talent_bridge::protocol::frame::{Look, MAX_LOOK_NODES};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

/// `badge`'s look, or `None` if it could not be drawn or is not one `frames.js` may draw (more
/// nodes, or other elements, than a look holds): the badge is then framed at once.
pub fn of(document: &Document, badge: &Badge) -> Option<Look> {
    let row = mount::look(document, badge)?;
    let mut budget = MAX_LOOK_NODES;
    read(&row, &mut budget).filter(|look| look.check().is_ok())
}

fn read(element: &Element, budget: &mut usize) -> Option<Look> {
    *budget = budget.checked_sub(1)?;
    let names = element.get_attribute_names();
    let attrs = names
        .iter()
        .filter_map(|name| name.as_string())
        .filter_map(|name| element.get_attribute(&name).map(|value| (name, value)))
        .collect();
    let nodes = element.child_nodes();
    let mut children = Vec::new();
    for i in 0..nodes.length() {
        let Some(node) = nodes.item(i) else { continue };
        match node.node_type() {
            Node::ELEMENT_NODE => children.push(read(node.unchecked_ref(), budget)?),
            Node::TEXT_NODE => {
                *budget = budget.checked_sub(1)?;
                children.push(Look::Text(node.text_content().unwrap_or_default()));
            }
            _ => {}
        }
    }
    Some(Look::Element(element.local_name(), attrs, children))
}
