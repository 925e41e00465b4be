"""The dashboard's style sheet: readable from the back of a room at 1280x720 and 1920x1080.

Every text is at least 14 CSS px. The title wraps instead of being cut (Vuetify's toolbar title
cuts with an ellipsis). Panels sit in a grid of columns at least 380 px wide: at 1280 px the two
series panels fit beside the 400 px sidebar at about their natural 422 px, so their 16 px text
(``experiments.dashboard.series``) never shrinks below 14 px; on a narrower window they stack.
"""

CSS = """
.v-toolbar-title__placeholder {
    white-space: normal !important;
    overflow: visible !important;
    text-overflow: clip !important;
}
.v-toolbar-title {
    flex: 1 1 auto !important;
    font-size: 1.4rem !important;
    line-height: 1.25 !important;
}
.ns-main { padding: 4px 4px 24px 4px; gap: 10px !important; }
.ns-sidebar .v-card-title { font-size: 1.2rem; }
.ns-month { font-size: 20px; font-weight: 600; margin-top: 10px; }
.ns-note { font-size: 14px; color: #333; margin: 6px 0 0 0; }
.ns-setting { margin-bottom: 4px; }
.ns-setting-head { display: flex; justify-content: space-between; gap: 8px; font-size: 16px; }
.ns-setting-value { white-space: nowrap; }
.ns-seed { margin-top: 8px; }
.ns-seed .v-messages { font-size: 14px !important; opacity: 1 !important; }
.ns-monitors { border-collapse: collapse; width: 100%; font-size: 16px; }
.ns-monitors th, .ns-monitors td { padding: 2px 10px; text-align: right; vertical-align: bottom; }
.ns-monitors tr:first-child th { font-weight: 600; border-bottom: 1px solid #bbb; }
.ns-monitors tr th:first-child { text-align: left; white-space: nowrap; font-weight: 400; }
.ns-monitors td { font-size: 20px; font-weight: 600; white-space: nowrap; }
.ns-swatch { display: inline-block; width: 26px; height: 0; margin-right: 6px; }
.ns-panels {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(380px, 1fr));
    gap: 12px;
}
.ns-plot { display: block; height: auto; }
.ns-legend { display: flex; flex-wrap: wrap; gap: 4px 20px; font-size: 16px; margin-top: 4px; }
.ns-heading { font-size: 18px; font-weight: 600; margin: 16px 0 6px 0; }
.ns-view { margin: 0; }
.ns-view figcaption { font-size: 16px; }
.ns-facts { font-size: 14px; color: #333; }
"""
