//! The site's look, by style token. Markup names tokens; the stylesheet and the `class`
//! attributes carry only their per-start hashes (see `classes.rs`).

/// Rules on element names only (no classes), so they can't leak a token.
pub const GLOBAL: &str = "*,*::before,*::after{box-sizing:border-box}\
body{margin:0;background:#f4f2ee;color:rgba(0,0,0,.9);\
font:14px/1.42857 -apple-system,system-ui,BlinkMacSystemFont,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}\
h1,h2,h3,p,figure,ul,ol{margin:0;padding:0}ul,ol{list-style:none}\
a{color:inherit;text-decoration:none}button{font:inherit;cursor:pointer}\
[hidden]{display:none!important}\n";

/// `(token, declarations)`; the order is the cascade order.
pub const RULES: &[(&str, &str)] = &[
    ("page", "min-height:100vh"),
    ("tag-p", "margin:0"),
    ("tag-a", "color:inherit"),
    ("tag-li", "list-style:none"),
    ("tag-ul", "list-style:none"),
    ("tag-div", "min-width:0"),
    ("tag-span", "min-width:0"),
    ("tag-img", "display:block"),
    ("tag-rect", ""),
    ("tag-strong", "font-weight:600"),
    ("tag-label", "display:block"),
    ("tag-figure", "margin:0"),
    ("hidden", "display:none"),
    // global nav
    (
        "nav",
        "position:sticky;top:0;z-index:10;background:#fff;border-bottom:1px solid #e8e8e8",
    ),
    (
        "nav-inner",
        "max-width:1128px;margin:0 auto;height:52px;display:flex;align-items:center;gap:8px;padding:0 12px",
    ),
    (
        "nav-logo",
        "display:flex;width:41px;height:41px;align-items:center",
    ),
    ("logo-icon", "width:34px;height:34px"),
    ("nav-search", "flex:0 1 280px"),
    (
        "nav-search-input",
        "width:100%;height:34px;border:0;border-radius:4px;background:#edf3f8;padding:0 12px;font:inherit",
    ),
    ("nav-primary", "margin-left:auto"),
    ("nav-list", "display:flex;gap:4px;align-items:center"),
    ("nav-li", "position:relative"),
    ("me", ""),
    (
        "nav-item",
        "display:flex;flex-direction:column;align-items:center;min-width:80px;height:52px;justify-content:center;color:rgba(0,0,0,.6);background:none;border:0;font-size:12px",
    ),
    ("nav-label", "line-height:1.33"),
    ("icon", "width:24px;height:24px;display:block"),
    ("icon-wrap", "display:inline-flex"),
    (
        "menu",
        "position:absolute;right:0;top:100%;z-index:20;min-width:240px;background:#fff;border-radius:8px;box-shadow:0 0 0 1px rgba(0,0,0,.08),0 4px 12px rgba(0,0,0,.15);padding:8px;display:flex;flex-direction:column;gap:4px",
    ),
    ("me-menu", "width:280px"),
    (
        "me-card",
        "display:flex;gap:8px;align-items:center;padding:4px",
    ),
    ("me-name", "font-size:16px;font-weight:600"),
    ("menu-link", "padding:6px 8px;color:rgba(0,0,0,.6)"),
    ("menu-anchor", "position:relative"),
    (
        "menu-item",
        "padding:8px 12px;border-radius:4px;cursor:pointer;white-space:nowrap",
    ),
    // layout
    ("app-body", "padding:24px 12px"),
    ("app-main", "max-width:1128px;margin:0 auto"),
    (
        "layout",
        "display:flex;flex-direction:column;gap:8px;max-width:804px;margin:0 auto",
    ),
    ("search-layout", "max-width:804px"),
    (
        "feed-layout",
        "display:grid;grid-template-columns:225px minmax(0,1fr);gap:24px;max-width:960px;align-items:start",
    ),
    ("feed-column", "min-width:0"),
    (
        "profile-grid",
        "display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:24px;align-items:start",
    ),
    ("next", "grid-template-columns:minmax(0,1fr)"),
    (
        "profile-column",
        "display:flex;flex-direction:column;gap:8px;min-width:0",
    ),
    ("rail", "display:flex;flex-direction:column;gap:8px"),
    ("rail-left", "position:sticky;top:76px"),
    ("rail-entry", "padding:8px 0;border-bottom:1px solid #eee"),
    ("narrow", "max-width:400px;margin:48px auto"),
    // cards
    (
        "card",
        "background:#fff;border-radius:8px;box-shadow:0 0 0 1px rgba(0,0,0,.08);overflow:visible",
    ),
    ("pad", "padding:16px 24px"),
    ("topcard", "position:relative;padding-bottom:24px"),
    ("cover", "border-radius:8px 8px 0 0;background:#a0b4b7"),
    ("cover-inner", "width:100%;height:100%"),
    ("fig", "width:100%;height:100%"),
    ("fill", "width:100%;height:100%;display:block"),
    ("round", "border-radius:50%"),
    (
        "photo-slot",
        "margin:-112px 0 0 24px;width:160px;height:160px",
    ),
    (
        "photo-frame",
        "width:160px;height:160px;border:4px solid #fff;border-radius:50%;background:#fff;overflow:hidden",
    ),
    (
        "photo-152",
        "width:152px;height:152px;border-radius:50%;overflow:hidden",
    ),
    (
        "photo-72",
        "width:72px;height:72px;border-radius:50%;overflow:hidden;margin:0 auto",
    ),
    (
        "photo-56",
        "width:56px;height:56px;flex:none;border-radius:50%;overflow:hidden",
    ),
    (
        "photo-48",
        "width:48px;height:48px;flex:none;border-radius:50%;overflow:hidden",
    ),
    (
        "photo-24",
        "width:24px;height:24px;border-radius:50%;overflow:hidden",
    ),
    (
        "logo-48",
        "width:48px;height:48px;flex:none;border-radius:4px;overflow:hidden",
    ),
    (
        "logo-72",
        "width:72px;height:72px;border-radius:4px;overflow:hidden",
    ),
    (
        "corner",
        "position:absolute;top:calc(25% + 12px);right:16px",
    ),
    (
        "icon-btn",
        "display:inline-flex;width:40px;height:40px;align-items:center;justify-content:center;border-radius:50%;background:none;border:0;color:rgba(0,0,0,.6);font-size:24px",
    ),
    (
        "info",
        "padding:8px 24px 0;display:flex;flex-direction:column;gap:2px",
    ),
    ("name-popover", "display:inline-block"),
    ("contents", "display:contents"),
    ("name-link", "color:rgba(0,0,0,.9)"),
    ("name", "font-size:24px;line-height:1.25;font-weight:600"),
    ("name-lg", "font-size:28px"),
    ("headline", "font-size:16px;line-height:1.5"),
    ("mutual", "display:block;padding:4px 24px"),
    ("followers", "padding:4px 24px 0"),
    ("actions", "padding:12px 24px 0"),
    ("section", "padding:20px 24px"),
    ("section-head", "margin-bottom:8px"),
    (
        "section-title",
        "font-size:20px;font-weight:600;margin-bottom:8px",
    ),
    ("prose", "white-space:pre-line;padding-top:4px"),
    ("entries", "display:flex;flex-direction:column"),
    (
        "entry",
        "display:flex;gap:12px;padding:12px 0;border-bottom:1px solid #eee",
    ),
    ("identity", "padding:16px 12px;text-align:center"),
    ("post", "padding:12px 16px"),
    (
        "post-actions",
        "border-top:1px solid #eee;margin-top:8px;padding-top:4px",
    ),
    ("results", "display:flex;flex-direction:column"),
    ("result", "border-top:1px solid #eee"),
    ("result-inner", "padding:16px 24px;align-items:center"),
    ("pages", "justify-content:center"),
    (
        "page-link",
        "display:inline-flex;min-width:32px;height:32px;align-items:center;justify-content:center;border-radius:4px;padding:0 6px",
    ),
    ("page-on", "background:#0a66c2;color:#fff"),
    ("chips", "padding-top:4px"),
    (
        "chip",
        "border:1px solid #666;border-radius:16px;padding:4px 12px;background:#fff;color:rgba(0,0,0,.75)",
    ),
    (
        "chip-on",
        "background:#01754f;border-color:#01754f;color:#fff",
    ),
    // dialogs
    (
        "dialog-backdrop",
        "position:fixed;inset:0;z-index:30;background:rgba(0,0,0,.6);display:flex;align-items:flex-start;justify-content:center;padding-top:64px",
    ),
    (
        "dialog",
        "background:#fff;border-radius:8px;width:552px;max-width:90vw;padding:16px 24px",
    ),
    (
        "input",
        "border:1px solid #666;border-radius:4px;height:32px;padding:0 8px;font:inherit",
    ),
    // buttons
    (
        "btn",
        "display:inline-flex;align-items:center;justify-content:center;min-height:32px;padding:6px 16px;border-radius:16px;font-weight:600;font-size:16px;border:1px solid transparent;background:none",
    ),
    ("btn-primary", "background:#0a66c2;color:#fff"),
    (
        "btn-secondary",
        "border-color:#0a66c2;color:#0a66c2;background:#fff",
    ),
    (
        "btn-tertiary",
        "border-color:#666;color:rgba(0,0,0,.75);background:#fff",
    ),
    ("btn-text", "white-space:nowrap"),
    ("wide", "width:100%;margin-top:8px"),
    ("link", "color:#0a66c2"),
    // utilities
    ("row", "display:flex;flex-direction:row"),
    ("col", "display:flex;flex-direction:column"),
    ("wrap", "flex-wrap:wrap"),
    ("baseline", "align-items:baseline"),
    (
        "between",
        "justify-content:space-between;align-items:center",
    ),
    ("center", "align-items:center"),
    ("center-text", "text-align:center"),
    ("grow", "flex:1 1 auto;min-width:0"),
    ("gap-4", "gap:4px"),
    ("gap-8", "gap:8px"),
    ("gap-12", "gap:12px"),
    ("small", "font-size:14px"),
    ("muted", "color:rgba(0,0,0,.6)"),
    ("strong", "font-weight:600"),
    (
        "vh",
        "position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0",
    ),
    (
        "skeleton",
        "min-height:480px;border-radius:8px;background:linear-gradient(90deg,#eee 25%,#f6f6f6 37%,#eee 63%);background-size:400% 100%",
    ),
];
