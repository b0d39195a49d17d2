use super::*;
use crate::profile::ProfileKey;
use crate::protocol::{BadgeState, BadgeView, Envelope, ExportStep, WorkerEvent};
use serde_json::{Value, json};

/// `frames.js`, the plain-JavaScript end of every port, with the helpers it shares with the side
/// panel's and the badges' looks: they read and write these messages by their wire names.
const FRAMES_JS: &str = concat!(
    include_str!("../../../extension/js/frames.js"),
    include_str!("../../../extension/js/page_io.js"),
    include_str!("../../../extension/js/looks.js")
);

fn wire<T: Serialize>(msg: &T) -> Value {
    serde_json::to_value(msg).unwrap_or(Value::Null)
}

fn parse<T: for<'de> Deserialize<'de> + Bounded>(value: Value) -> Result<T, ProtocolError> {
    let msg: T = serde_json::from_value(value).map_err(|_| ProtocolError::Malformed)?;
    msg.check()?;
    Ok(msg)
}

fn init() -> BadgeInit {
    BadgeInit {
        kind: BadgeKind::Profile,
        person: PersonQuery {
            key: Some(ProfileKey::PublicId("ada-lovelace".into())),
            ..PersonQuery::default()
        },
        page: PageFacts {
            pdf_offered: true,
            ..PageFacts::default()
        },
    }
}

fn fetch(url: &str, headers: &[(&str, &str)]) -> SiteAsk {
    SiteAsk::Fetch {
        url: url.into(),
        method: SiteMethod::Post,
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        body: Some("{}".into()),
        max: 512,
    }
}

/// A badge row's look, as the reader reads it back from its document.
fn look() -> Look {
    Look::Element(
        "span".into(),
        vec![("class".into(), "row".into())],
        vec![Look::Element(
            "a".into(),
            vec![("href".into(), "https://crm.example/contacts/1".into())],
            vec![Look::Text("In CRM".into())],
        )],
    )
}

/// One message of each kind, as serde writes it: what `frames.js` must read and write.
fn samples() -> Vec<(Value, Value)> {
    let plan = FramePlan {
        remove: vec![1],
        add: vec![PlacedBadge {
            id: 2,
            path: vec![1, 0, 3],
            tag: "A".into(),
            init: init(),
            look: Some(look()),
        }],
        update: vec![(2, PageFacts::default())],
    };
    let badge = Json(serde_json::to_string(&BadgeView::bare(BadgeState::NotInCrm)).unwrap());
    let event = Json(
        serde_json::to_string(&Envelope::new(WorkerEvent::Progress {
            ticket: "t".into(),
            step: ExportStep::Download,
        }))
        .unwrap(),
    );
    vec![
        (
            wire(&FromReader::Snapshot { max_chars: 9 }),
            json!({"type": "snapshot", "max_chars": 9}),
        ),
        (
            wire(&FromReader::Apply { plan }),
            json!({"type": "apply", "plan": {
                "remove": [1],
                "add": [{"id": 2, "path": [1, 0, 3], "tag": "A", "init": wire(&init()), "look":
                    ["span", [["class", "row"]], [["a", [["href", "https://crm.example/contacts/1"]], ["In CRM"]]]]}],
                "update": [[2, {"restricted": false, "own": false, "pdf_offered": false}]]
            }}),
        ),
        (
            wire(&FromReader::Show {
                id: 2,
                badge: badge.clone(),
                look: None,
            }),
            json!({"type": "show", "id": 2, "badge": r#"{"state":"not-in-crm","contact":null,"matches":[],"differences":[],"message":null}"#, "look": null}),
        ),
        (
            wire(&FromReader::Style { css: "a{}".into() }),
            json!({"type": "style", "css": "a{}"}),
        ),
        (
            wire(&ToReader::Changed { url: "u".into() }),
            json!({"type": "changed", "url": "u"}),
        ),
        (
            wire(&ToReader::Snapshot {
                url: "u".into(),
                html: None,
            }),
            json!({"type": "snapshot", "url": "u", "html": null}),
        ),
        (
            wire(&FromBadge::Size {
                row: [80, 24],
                all: [300, 200],
            }),
            json!({"type": "size", "row": [80, 24], "all": [300, 200]}),
        ),
        (wire(&FromBadge::PointerIn), json!({"type": "pointer_in"})),
        (wire(&ToBadge::Focus), json!({"type": "focus"})),
        (wire(&ToBadge::PointerOver), json!({"type": "pointer_over"})),
        (
            wire(&FromBadge::Ask {
                re: 3,
                ask: SiteAsk::Cookies,
            }),
            json!({"type": "ask", "re": 3, "ask": {"kind": "cookies"}}),
        ),
        (wire(&SiteAsk::Sources), json!({"kind": "sources"})),
        (
            wire(&fetch("/x", &[("csrf-token", "c")])),
            json!({"kind": "fetch", "url": "/x", "method": "POST", "headers": [["csrf-token", "c"]], "body": "{}", "max": 512}),
        ),
        (
            wire(&ToBadge::Init {
                init: init(),
                width: 1200,
                height: 800,
            }),
            json!({"type": "init", "init": {
                "kind": "profile",
                "person": wire(&init().person),
                "page": {"restricted": false, "own": false, "pdf_offered": true}
            }, "width": 1200, "height": 800}),
        ),
        (
            wire(&ToBadge::Viewport {
                width: 1,
                height: 2,
            }),
            json!({"type": "viewport", "width": 1, "height": 2}),
        ),
        (
            wire(&ToBadge::Show {
                badge: badge.clone(),
            }),
            json!({"type": "show", "badge": badge.0}),
        ),
        (
            wire(&ToBadge::Page {
                page: PageFacts::default(),
            }),
            json!({"type": "page", "page": {"restricted": false, "own": false, "pdf_offered": false}}),
        ),
        (
            wire(&ToBadge::Event {
                event: event.clone(),
            }),
            json!({"type": "event", "event": r#"{"v":1,"msg":{"type":"progress","ticket":"t","step":"download"}}"#}),
        ),
        (wire(&ToBadge::PointerLeft), json!({"type": "pointer_left"})),
        (wire(&ToBadge::Escape), json!({"type": "escape"})),
        (
            wire(&ToBadge::Answer {
                re: 3,
                answer: SiteReply::Fetched {
                    status: 200,
                    content_type: "application/json".into(),
                    final_url: "https://www.linkedin.com/x".into(),
                    body: "e30=".into(),
                },
            }),
            json!({"type": "answer", "re": 3, "answer": {"kind": "fetched", "status": 200,
                "content_type": "application/json", "final_url": "https://www.linkedin.com/x", "body": "e30="}}),
        ),
        (
            wire(&SiteReply::Cookies {
                cookies: "a=b".into(),
            }),
            json!({"kind": "cookies", "cookies": "a=b"}),
        ),
        (
            wire(&SiteReply::Sources {
                bundles: vec!["b".into()],
                inline: vec!["i".into()],
            }),
            json!({"kind": "sources", "bundles": ["b"], "inline": ["i"]}),
        ),
        (wire(&SiteReply::TooLarge), json!({"kind": "too_large"})),
        (wire(&SiteReply::Unanswered), json!({"kind": "unanswered"})),
    ]
}

// The wire names `frames.js` uses are exactly what serde writes (as `wire_names_match_serde`
// does for the worker's replies).
#[test]
fn frame_messages_have_the_wire_names_frames_js_uses() {
    for (written, expected) in samples() {
        assert_eq!(written, expected);
    }
}

/// The names after `key: '` (written) and `key === '` or `key !== '` (read) in `frames.js`.
fn names_in_js(key: &str) -> (Vec<String>, Vec<String>) {
    let after = |marker: String| -> Vec<String> {
        FRAMES_JS
            .match_indices(&marker)
            .filter_map(|(at, m)| FRAMES_JS.get(at + m.len()..))
            .filter_map(|rest| rest.split('\'').next())
            .map(str::to_string)
            .collect()
    };
    let written = after(format!("{key}: '"));
    let mut read = after(format!("{key} === '"));
    read.extend(after(format!("{key} !== '")));
    (written, read)
}

/// The `type` of each message, sorted, once.
fn types(messages: &[(Value, Value)], key: &str) -> Vec<String> {
    sorted(
        messages
            .iter()
            .filter_map(|(v, _)| v.get(key).and_then(Value::as_str).map(str::to_string))
            .collect(),
    )
}

fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names.dedup();
    names
}

// `frames.js` reads every message a frame sends and nothing else, and writes only messages the
// frames read: a name changed on one side alone fails here, not in a browser.
#[test]
fn frames_js_speaks_the_protocol() {
    let all = samples();
    let of = |names: &[&str]| -> Vec<(Value, Value)> {
        all.iter()
            .filter(|(v, _)| names.contains(&v.get("type").and_then(Value::as_str).unwrap_or("")))
            .cloned()
            .collect()
    };
    let from_frames = of(&[
        "snapshot",
        "style",
        "apply",
        "show",
        "size",
        "pointer_in",
        "ask",
    ]);
    let to_frames = of(&[
        "changed",
        "snapshot",
        "init",
        "show",
        "page",
        "event",
        "pointer_left",
        "escape",
        "focus",
        "pointer_over",
        "viewport",
        "answer",
    ]);
    let (written, read) = names_in_js("type");
    assert_eq!(
        sorted(read),
        types(&from_frames, "type"),
        "what frames.js reads"
    );
    assert_eq!(
        sorted(written),
        types(&to_frames, "type"),
        "what frames.js writes"
    );

    let asks: Vec<(Value, Value)> = [SiteAsk::Cookies, SiteAsk::Sources, fetch("/", &[])]
        .iter()
        .map(|a| (wire(a), Value::Null))
        .collect();
    let answers: Vec<(Value, Value)> = [
        SiteReply::Cookies {
            cookies: String::new(),
        },
        SiteReply::Sources {
            bundles: Vec::new(),
            inline: Vec::new(),
        },
        SiteReply::Fetched {
            status: 0,
            content_type: String::new(),
            final_url: String::new(),
            body: String::new(),
        },
        SiteReply::TooLarge,
        SiteReply::Unanswered,
    ]
    .iter()
    .map(|a| (wire(a), Value::Null))
    .collect();
    let (written, read) = names_in_js("kind");
    assert_eq!(
        sorted(read),
        types(&asks, "kind"),
        "what a frame asks of the site"
    );
    assert_eq!(
        sorted(written),
        types(&answers, "kind"),
        "the site's answers"
    );
}

// Every field name of the messages `frames.js` handles appears in it.
#[test]
fn frames_js_uses_the_field_names() {
    fn keys(value: &Value, out: &mut Vec<String>) {
        if let Value::Object(map) = value {
            for (key, inner) in map {
                out.push(key.clone());
                // What frames.js passes on unread is no business of its own.
                if !["init", "badge", "event", "page", "update"].contains(&key.as_str()) {
                    keys(inner, out);
                }
            }
        } else if let Value::Array(items) = value {
            items.iter().for_each(|v| keys(v, out));
        }
    }
    let mut names = Vec::new();
    for (value, _) in samples() {
        keys(&value, &mut names);
    }
    for name in sorted(names) {
        let word = |at: usize| {
            let before = FRAMES_JS[..at].chars().last();
            let after = FRAMES_JS[at + name.len()..].chars().next();
            let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !part(before) && !part(after)
        };
        let found = FRAMES_JS
            .match_indices(name.as_str())
            .any(|(at, _)| word(at));
        assert!(found, "frames.js never names `{name}`");
    }
}

// proves S4 for frame mode: unknown fields and types are refused, sizes are bounded, and a
// frame asks the site only over https (or the page's own origin) with the site's own headers.
#[test]
fn frame_messages_are_checked() {
    let extra = json!({"type": "changed", "url": "u", "html": "x"});
    assert_eq!(parse::<ToReader>(extra), Err(ProtocolError::Malformed));
    let unknown = json!({"type": "evaluate", "code": "x"});
    assert_eq!(parse::<ToBadge>(unknown), Err(ProtocolError::Malformed));
    let long = "x".repeat(MAX_URL + 1);
    assert!(matches!(
        parse::<ToReader>(json!({"type": "changed", "url": long})),
        Err(ProtocolError::TooLong { field: "url", .. })
    ));
    let html = "x".repeat(MAX_SNAPSHOT_CHARS as usize * 3 + 1);
    assert!(matches!(
        parse::<ToReader>(json!({"type": "snapshot", "url": "u", "html": html})),
        Err(ProtocolError::TooLong { field: "html", .. })
    ));
    let huge = json!({"type": "size", "row": [10, 10], "all": [MAX_FRAME_PX + 1, 10]});
    assert!(parse::<FromBadge>(huge).is_err());

    let ask = |ask: SiteAsk| FromBadge::Ask { re: 1, ask }.check();
    assert_eq!(
        ask(fetch(
            "/voyager/api/graphql",
            &[("csrf-token", "c"), ("accept", "x")]
        )),
        Ok(())
    );
    assert_eq!(ask(fetch("https://www.linkedin.com/ambry/x", &[])), Ok(()));
    assert_eq!(
        ask(fetch("http://www.linkedin.com/x", &[])),
        Err(ProtocolError::Malformed)
    );
    assert_eq!(
        ask(fetch("javascript:alert(1)", &[])),
        Err(ProtocolError::Malformed)
    );
    assert_eq!(
        ask(fetch("/x", &[("cookie", "a=b")])),
        Err(ProtocolError::Malformed)
    );

    let plan = FramePlan {
        add: (0..=MAX_PLAN as u64)
            .map(|id| PlacedBadge {
                id,
                path: Vec::new(),
                tag: "A".into(),
                init: init(),
                look: None,
            })
            .collect(),
        ..FramePlan::default()
    };
    assert!(matches!(
        FromReader::Apply { plan }.check(),
        Err(ProtocolError::TooMany { field: "add", .. })
    ));
}

// A look is what a badge row is made of and no more: its elements only, no event handler, a
// bounded number of nodes; checked wherever it travels.
#[test]
fn a_look_holds_only_a_badge_row() {
    let show = |look: Look| {
        FromReader::Show {
            id: 1,
            badge: Json("{}".into()),
            look: Some(look),
        }
        .check()
    };
    assert_eq!(show(look()), Ok(()));
    let element = |tag: &str, attrs: &[(&str, &str)]| {
        Look::Element(
            tag.into(),
            attrs
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            vec![Look::Text("x".into())],
        )
    };
    assert_eq!(show(element("script", &[])), Err(ProtocolError::Malformed));
    assert_eq!(show(element("iframe", &[])), Err(ProtocolError::Malformed));
    assert_eq!(
        show(element("span", &[("onclick", "x()")])),
        Err(ProtocolError::Malformed)
    );
    assert_eq!(
        show(element("a", &[("ONMOUSEOVER", "x()")])),
        Err(ProtocolError::Malformed)
    );
    let nested = Look::Element("span".into(), Vec::new(), vec![element("script", &[])]);
    assert_eq!(show(nested), Err(ProtocolError::Malformed));
    let many = Look::Element(
        "span".into(),
        Vec::new(),
        (0..MAX_LOOK_NODES)
            .map(|_| Look::Text("x".into()))
            .collect(),
    );
    assert!(matches!(
        show(many),
        Err(ProtocolError::TooMany { field: "look", .. })
    ));
    let plan = FramePlan {
        add: vec![PlacedBadge {
            id: 1,
            path: Vec::new(),
            tag: "A".into(),
            init: init(),
            look: Some(element("script", &[])),
        }],
        ..FramePlan::default()
    };
    assert_eq!(
        FromReader::Apply { plan }.check(),
        Err(ProtocolError::Malformed)
    );
    // Read from the wire as `frames.js` gets it: an element is [tag, attributes, children].
    let wired: Look = serde_json::from_value(json!(["span", [["class", "x"]], ["y"]])).unwrap();
    let expected = Look::Element(
        "span".into(),
        vec![("class".into(), "x".into())],
        vec![Look::Text("y".into())],
    );
    assert_eq!(wired, expected);
}
