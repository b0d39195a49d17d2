//! Styles of the hover card and the export panel, added to the badge's shadow root on mount: the page's CSS can't reach them and ours can't leak out. The card and the panel
//! hang below the whole row (so neither covers the export button), above the page, and never
//! wider than a phone's screen. The card shows while the badge or the card is hovered or holds
//! focus; hiding waits a moment so the pointer can cross the gap (B2).

pub const CARD_STYLE: &str = r#"
.hover { position: absolute; top: 100%; left: 0; z-index: 2147483001; padding-top: 6px;
  width: 340px; max-width: calc(100vw - 16px); visibility: hidden;
  transition: visibility 0s linear .3s; }
.tip:hover .hover, .tip:focus-within .hover { visibility: visible; transition-delay: 0s; }
.tip.pinned { display: block; }
.pinned .hover { position: static; visibility: visible; width: auto; max-width: none; }
.box { box-sizing: border-box; max-height: 60vh; overflow: auto; padding: 10px 12px;
  border-radius: 8px; border: 1px solid #c8c8c8; background: #fff; color: #1d2226;
  box-shadow: 0 4px 16px rgba(0, 0, 0, .18); font: 400 13px/1.4 system-ui, sans-serif;
  text-align: left; white-space: normal; }
.box p { margin: 0 0 4px; }
.box .name { display: flex; align-items: center; gap: 6px; font-weight: 600; }
.box a { color: #0a666e; font-weight: 600; }
.box dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 4px 0; }
.box dt { color: #555; }
.box dd { margin: 0; overflow-wrap: anywhere; }
.box .why, .box .sub, .box .lead { color: #555; font-size: 12px; }
.diff { width: 100%; border-collapse: collapse; margin: 4px 0; }
.diff th, .diff td { padding: 2px 4px; text-align: left; vertical-align: top;
  border-top: 1px solid #e4e4e4; }
.diff thead th { border-top: 0; color: #555; font-weight: 600; }
.diff td[data-side="crm"] { color: #8a5a00; }
.matches { margin: 4px 0 0; padding: 0; list-style: none; }
.matches li { padding: 6px 0; border-top: 1px solid #e4e4e4; }
.box .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
.box button { color: #0a666e; padding: 2px 8px; border-radius: 6px; }
.box button:disabled { color: #888; cursor: progress; }
.panel .preview { margin: 0 0 8px; }
.panel .preview ul { margin: 2px 0; padding-left: 18px; }
.panel .preview li { overflow-wrap: anywhere; }
.panel .target { font-weight: 600; }
.panel { position: absolute; top: calc(100% + 6px); left: 0; z-index: 2147483000;
  box-sizing: border-box; width: 360px; max-width: min(360px, calc(100vw - 16px));
  max-height: 70vh; overflow: auto; padding: 12px; border-radius: 8px;
  border: 1px solid #c8c8c8; background: #fff; color: #1d2226;
  box-shadow: 0 4px 16px rgba(0, 0, 0, .18); font: 400 13px/1.4 system-ui, sans-serif;
  text-align: left; white-space: normal; }
.panel .head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.panel .title { font-weight: 600; font-size: 14px; }
.panel button { color: #0a666e; padding: 3px 10px; border-radius: 6px; }
.panel button:disabled { color: #888; cursor: not-allowed; }
.panel button.primary { background: #0a666e; border-color: #0a666e; color: #fff; }
.panel button.primary:disabled { background: #9bb; border-color: #9bb; }
.panel .close { border: 0; font-size: 18px; line-height: 1; padding: 0 6px; }
.panel .quota { margin: 8px 0 8px; font-weight: 600; }
.panel .quota-source { margin: -4px 0 8px; font-size: 12px; color: #555; }
.panel fieldset { border: 0; margin: 0 0 8px; padding: 0; }
.panel legend { font-weight: 600; padding: 0; margin-bottom: 2px; }
.panel input[type="search"], .panel textarea { box-sizing: border-box; width: 100%;
  font: inherit; padding: 4px 6px; border: 1px solid #aaa; border-radius: 4px; background: #fff;
  color: inherit; }
.panel .options { display: flex; flex-direction: column; height: 7.5em; overflow: auto;
  margin-top: 4px; padding: 2px 4px; border: 1px solid #ddd; border-radius: 4px; }
.panel .option { display: flex; align-items: center; gap: 6px; padding: 2px 0; cursor: pointer; }
.panel .hint, .panel .help { margin: 2px 0; color: #555; font-size: 12px; }
.panel .field { display: block; margin-bottom: 8px; }
.panel .field span { display: block; font-weight: 600; margin-bottom: 2px; }
.panel .assign { margin: 8px 0 0; }
.panel .confirm { margin-top: 8px; padding: 8px; border-radius: 6px; background: #fff4e0;
  color: #5c3c00; }
.panel .confirm button { margin-right: 6px; }
.panel .progress { margin: 8px 0 0; padding-left: 0; list-style: none; }
.panel .progress li { padding: 1px 0 1px 20px; position: relative; color: #666; }
.panel .progress li::before { position: absolute; left: 2px; content: "○"; }
.panel .progress li[data-status="current"] { color: #1d2226; font-weight: 600; }
.panel .progress li[data-status="current"]::before { content: "●"; color: #0a666e; }
.panel .progress li[data-status="done"] { color: #0a6e3c; }
.panel .progress li[data-status="done"]::before { content: "✓"; }
.panel .progress li[data-status="failed"] { color: #b00020; font-weight: 600; }
.panel .progress li[data-status="failed"]::before { content: "✗"; }
.panel .progress li[data-status="waiting"] { color: #8a5a00; font-weight: 600; }
.panel .progress li[data-status="waiting"]::before { content: "…"; }
.panel .run:focus { outline: none; }
.panel .announce { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
.panel .error { color: #b00020; }
.panel .queued { color: #8a5a00; }
.panel .done a { color: #0a666e; font-weight: 600; }
input:focus-visible, textarea:focus-visible, .option:focus-within { outline: 2px solid #0a666e;
  outline-offset: 1px; }
"#;
