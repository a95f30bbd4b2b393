"""The project's chart defaults, registered once as an Altair theme: legible on a phone and on a projector.

Streamlit draws axis labels, titles and legends at 12 px in #808495 (3.7:1 on white). Every chart here
takes its text from this theme instead: dark ink (over 15:1 on white) at 13 px or more, so no chart sets
its own text colour or size.
"""

from __future__ import annotations

import altair as alt

INK = "#1f2430"  # the same ink as the app's text colour in .streamlit/config.toml
FONT_SIZE = 13  # the smallest chart text; WCAG's contrast rule is for text this size at 4.5:1
TITLE_SIZE = 14
NAME = "evidence"


@alt.theme.register(NAME, enable=True)
def evidence_theme() -> alt.theme.ThemeConfig:
    """Dark, 13 px or larger text for axes, legends, titles and text marks."""
    text = {"labelColor": INK, "titleColor": INK, "labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE}
    return alt.theme.ThemeConfig({"config": {
        "axis": {**text, "tickColor": INK, "domainColor": INK},
        "legend": {**text},
        "header": {**text},
        "title": {"color": INK, "fontSize": TITLE_SIZE},
        "text": {"color": INK, "fontSize": FONT_SIZE},
    }})

